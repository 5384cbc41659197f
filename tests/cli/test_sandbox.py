"""`robot sandbox` starts the practice Chamilo for people: URL and logins printed, pages served."""
from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

ROBOT = str(Path(sys.executable).with_name("robot"))


def test_sandbox_serves_the_practice_chamilo_and_prints_its_url(tmp_path):
    proc = subprocess.Popen([ROBOT, "sandbox", "--port", "0", "--data", str(tmp_path / "data"), "--json",
                             "--fault", "GET /user_portal.php status code=500",
                             "--fault", "GET /main/course_info/maintenance.php db_down times=5"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        doc = json.loads(proc.stdout.readline())
        assert doc["ok"] and doc["url"].startswith("http://127.0.0.1:")
        assert doc["logins"]["teacher"] == "teacher"
        page = urllib.request.urlopen(doc["url"] + "/index.php", timeout=10).read().decode()
        assert 'name="formLogin"' in page
        try:
            urllib.request.urlopen(doc["url"] + "/user_portal.php", timeout=10)
            raise AssertionError("the armed fault did not answer 500")
        except urllib.error.HTTPError as err:
            assert err.code == 500
        down = urllib.request.urlopen(doc["url"] + "/main/course_info/maintenance.php?cidReq=DEMO101", timeout=10)
        assert "<title>Database is unavailable</title>" in down.read().decode() and not down.headers["X-Powered-By"]
        assert (tmp_path / "data").is_dir()
    finally:
        proc.terminate()
        proc.wait(timeout=10)

"""Wall time of `robot backup` against a bare HTTP replay of the same requests.

For a ~1 MB course (DEMO101) and a ~50 MB course (BIG50) on the practice Chamilo, median of N runs:
  robot   = the whole `robot backup` (browser start, clicks, download, zip verification), in-process
  replay  = the minimal requests a script would send: login POST, GET the form for its sec_token,
            POST the backup, GET the download (streamed to disk), no verification
Prints both, their difference (the robot's overhead) and their ratio. Nothing is asserted.

    .venv/bin/python bench/backup.py [--runs 5]
"""
from __future__ import annotations

import argparse
import http.cookiejar
import re
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from practice_server import PracticeServer  # noqa: E402
from tests.robot_run import run_robot  # noqa: E402


def replay(base: str, course: str, out: Path) -> int:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    body = urllib.parse.urlencode({"login": "teacher", "password": "teacher", "submitAuth": "", "_qf__formLogin": ""})
    opener.open(f"{base}/index.php", body.encode()).read()
    cid = f"cidReq={course}&id_session=0&gidReq=0&gradebook=0&origin="
    form = opener.open(f"{base}/main/coursecopy/create_backup.php?{cid}").read().decode()
    token = re.search(r'name="sec_token"[^>]*value="([0-9a-f]+)"|value="([0-9a-f]+)"[^>]*name="sec_token"', form)
    assert token, "no sec_token in the backup form"
    body = urllib.parse.urlencode({"backup_option": "full_backup", "submit": "", "_qf__create_backup_form": "",
                                   "sec_token": token.group(1) or token.group(2)})
    result = opener.open(f"{base}/main/coursecopy/create_backup.php?{cid}", body.encode()).read().decode()
    link = re.search(r'href="([^"]*download\.php\?archive=[^"]+)"', result)
    assert link, "no download link"
    size = 0
    with opener.open(link.group(1).replace("&amp;", "&")) as resp, (out / "replay.zip").open("wb") as fh:
        while chunk := resp.read(1 << 20):
            fh.write(chunk)
            size += len(chunk)
    return size


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        server = PracticeServer(data_dir=tmp_path / "data", big_course=True)
        server.start(host="127.0.0.1", port=0)
        try:
            print(f"practice Chamilo at {server.url}; median of {args.runs} runs")
            print(f"{'course':<9}{'size':>9}{'replay s':>10}{'robot s':>10}{'overhead s':>12}{'ratio':>8}")
            for course in ("DEMO101", "BIG50"):
                size = sum(len(b) for b in server.state.course_files(course).values())
                env = {"CHAMILO_URL": server.url, "CHAMILO_USERNAME": "teacher", "CHAMILO_PASSWORD": "teacher",
                       "ROBOT_OUT": str(tmp_path / "out"), "ROBOT_RECORDINGS": str(tmp_path / "rec")}
                replay_times, robot_times = [], []
                for _ in range(args.runs):
                    replay_times.append(timed(lambda: replay(server.url, course, tmp_path)))

                    def robot() -> None:
                        result = run_robot(["backup", "--course", course], env)
                        assert result.code == 0, result
                    robot_times.append(timed(robot))
                r, b = statistics.median(replay_times), statistics.median(robot_times)
                print(f"{course:<9}{size / 1e6:>7.1f}MB{r:>10.2f}{b:>10.2f}{b - r:>12.2f}{b / r:>8.1f}")
        finally:
            server.stop()


if __name__ == "__main__":
    main()

"""A campaign on a site that signs in through CAS (issues 12 and 14): five courses, two workers,
`--login sso` — the password is typed once, on the CAS form; each worker gets a Chamilo session of its
own from the shared CAS session, and every backup is a verified zip. Real Chromium, a real CAS server
(django-mama-cas over TLS), the robot as a process."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from flows.archive import verify_backup
from practice_server import CasSettings, PracticeServer

ROBOT = str(Path(sys.executable).with_name("robot"))
CANARY = "Xk4-sso-campaign!"
COURSES = [f"FAC{i:03d}" for i in range(1, 6)]


@pytest.fixture
def faculty_site(tmp_path_factory, cas_settings: CasSettings) -> Iterator[PracticeServer]:
    """A practice Chamilo with FAC001…FAC005, a CAS client of the test session's CAS server."""
    srv = PracticeServer(data_dir=tmp_path_factory.mktemp("practice-sso-campaign"), extra_courses=5)
    srv.start(host="127.0.0.1", port=0)
    srv.state.cas = cas_settings
    yield srv
    srv.stop()


def test_a_campaign_of_five_courses_with_two_workers_signs_in_to_cas_once(faculty_site, cas_server, tmp_path):
    cas_server.set_password("teacher", CANARY)
    plan = tmp_path / "faculty.csv"
    plan.write_text("code;do\n" + "".join(f"{code};backup\n" for code in COURSES), encoding="utf-8")
    env = {"CHAMILO_URL": faculty_site.url, "CHAMILO_USERNAME": "teacher", "CHAMILO_PASSWORD": CANARY,
           "CHAMILO_LOGIN": "sso", "ROBOT_CA_BUNDLE": str(cas_server.ca_bundle),
           "ROBOT_OUT": str(tmp_path / "backups"), "ROBOT_RECORDINGS": str(tmp_path / "recordings"),
           "ROBOT_LOCK_DIR": str(tmp_path / "locks"), "ROBOT_STEP_TIMEOUT": "20",
           "XDG_STATE_HOME": str(tmp_path / "state"), "HOME": str(tmp_path),
           "PATH": os.environ.get("PATH", "/usr/bin:/bin")}

    proc = subprocess.run([ROBOT, "campaign", str(plan), "--yes", "--workers", "2", "--env-file", os.devnull],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=280)
    assert proc.returncode == 0, f"{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}"

    assert cas_server.logins("teacher") == 1  # one CAS form for the whole campaign
    zips = sorted((tmp_path / "backups").rglob("*.zip"))
    assert sorted(verify_backup(z, z.name.split("_")[0]).course_code for z in zips) == COURSES, zips
    assert not list((tmp_path / "backups").rglob("*.part"))
    # each worker had its own Chamilo session (real Chamilo: one sec_token per PHP session), none by form
    assert faculty_site.state.count("POST", "/index.php") == 0
    # the password: in no output, no file the campaign left
    assert CANARY not in proc.stdout + proc.stderr
    assert not [p for p in tmp_path.rglob("*") if p.is_file() and CANARY.encode() in p.read_bytes()]

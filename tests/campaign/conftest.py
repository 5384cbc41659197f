"""The campaign tests' practice Chamilo: the seed plus FAC001…FAC012 (seed.extra_courses), one per
test session, reset after each test; the teacher's password is an unusual one (reset restores it),
so that "the password is in no byte" means something. Campaigns run as real processes (`robot`)."""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

from practice_server import PracticeServer

ROBOT = str(Path(sys.executable).with_name("robot"))
PASSWORD = "Qz7-campaign-pw!"


@pytest.fixture(scope="session")
def campaign_server(tmp_path_factory) -> Iterator[PracticeServer]:
    srv = PracticeServer(data_dir=tmp_path_factory.mktemp("practice-campaign"), extra_courses=12)
    srv.start(host="127.0.0.1", port=0)
    yield srv
    srv.stop()


@pytest.fixture
def site(campaign_server: PracticeServer) -> Iterator[PracticeServer]:
    campaign_server.state.set_password("teacher", PASSWORD)
    yield campaign_server
    campaign_server.state.faults.clear()
    campaign_server.state.reset()


@pytest.fixture
def env(site: PracticeServer, tmp_path: Path) -> dict[str, str]:
    return {
        "CHAMILO_URL": site.url, "CHAMILO_USERNAME": "teacher", "CHAMILO_PASSWORD": PASSWORD,
        "ROBOT_OUT": str(tmp_path / "backups"), "ROBOT_RECORDINGS": str(tmp_path / "recordings"),
        "ROBOT_LOCK_DIR": str(tmp_path / "locks"), "ROBOT_STEP_TIMEOUT": "20",
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path),
    }


@dataclass
class Done:
    code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return f"exit {self.code}\n--- stdout\n{self.stdout[-4000:]}\n--- stderr\n{self.stderr[-6000:]}"


def robot(args: list[str], env: dict[str, str], cwd: Path, timeout: float = 280) -> Done:
    """`robot ARGS` as a process in ``cwd`` (its relative paths: rosters/, the plan's out)."""
    proc = subprocess.run([ROBOT, *args, "--env-file", os.devnull], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)
    return Done(proc.returncode, proc.stdout, proc.stderr)


def start_robot(args: list[str], env: dict[str, str], cwd: Path, log: Path) -> subprocess.Popen:
    fh = log.open("w")
    return subprocess.Popen([ROBOT, *args, "--env-file", os.devnull], env=env, cwd=cwd, stdout=fh,
                            stderr=subprocess.STDOUT, start_new_session=True)

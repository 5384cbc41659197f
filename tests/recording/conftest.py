"""Recorded runs of the robot against the practice Chamilo, shared by several tests (module scope)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.robot_run import RobotResult, run_robot

UNUSUAL_PASSWORD = "Qx7vKw9Plumtree42"


def env_for(server_url: str, base: Path, password: str = "teacher") -> dict[str, str]:
    """Like tests/flows' robot_env, in a folder of its own."""
    return {
        "CHAMILO_URL": server_url,
        "CHAMILO_USERNAME": "teacher",
        "CHAMILO_PASSWORD": password,
        "ROBOT_OUT": str(base / "backups"),
        "ROBOT_RECORDINGS": str(base / "recordings"),
        "ROBOT_LOCK_DIR": str(base / "locks"),
        "ROBOT_STEP_TIMEOUT": "15",
        "PATH": "/usr/bin:/bin",
    }


def only_folder(parent: Path) -> Path:
    folders = [p for p in parent.iterdir() if p.is_dir() and p.name != "failures"]
    assert len(folders) == 1, folders
    return folders[0]


class Recorded:
    def __init__(self, result: RobotResult, folder: Path, password: str, password_set: bool) -> None:
        self.result, self.folder, self.password, self.password_set = result, folder, password, password_set


def record(practice_server, base: Path, args: list[str], *, unusual_password: bool = False) -> Recorded:
    password, password_set = "teacher", False
    set_password = getattr(practice_server.state, "set_password", None)
    if unusual_password and set_password is not None:
        set_password("teacher", UNUSUAL_PASSWORD)
        password, password_set = UNUSUAL_PASSWORD, True
    try:
        result = run_robot(args + ["--record", str(base / "demo-out")], env_for(practice_server.url, base, password))
    finally:
        if password_set:
            set_password("teacher", "teacher")
    assert result.code == 0, result
    return Recorded(result, only_folder(base / "demo-out"), password, password_set)


@pytest.fixture(scope="module")
def recorded_backup(practice_server, tmp_path_factory) -> Recorded:
    """`robot backup --course DEMO101 --record DIR`, with an unusual password when the server can set one."""
    return record(practice_server, tmp_path_factory.mktemp("rec-en"), ["backup", "--course", "DEMO101"],
                  unusual_password=True)


INTRO_MD = """# Avant de commencer

Ce guide montre comment **sauvegarder** votre cours <script>alert("x")</script> en fin d'année.

- Gardez le fichier .ZIP en lieu sûr
- [La charte](https://intranet.example/charte), [pas ceci](javascript:alert(1))

![un pixel espion](https://tracker.example/pixel.png)
"""
GUIDE_TITLE = "Sauvegarder son cours — guide de la faculté"
DEMO_PAUSE = 0.3


@pytest.fixture(scope="module")
def recorded_backup_fr(practice_server, tmp_path_factory) -> Recorded:
    """`robot demo --title … --intro intro.md backup --course DEMO101 --lang fr --blur-people`, on a
    practice Chamilo 1.11.16 behind a proxy that drops the browser's Accept-Language: the login page
    comes in English, and only its language menu gives French (issue 21). No --record: the demo
    records into ROBOT_RECORDINGS."""
    base = tmp_path_factory.mktemp("rec-fr")
    intro = base / "intro.md"
    intro.write_text(INTRO_MD, encoding="utf-8")
    state = practice_server.state
    state.version = "1.11.16"
    state.faults.add("*", "*", "no_accept_language", times=1_000_000)
    try:
        result = run_robot(["demo", "--pause", str(DEMO_PAUSE), "--title", GUIDE_TITLE, "--intro", str(intro),
                            "backup", "--course", "DEMO101", "--lang", "fr", "--blur-people", "--slow-mo", "20"],
                           env_for(practice_server.url, base))
    finally:
        state.faults.clear()
        state.version = state.default_version
    assert result.code == 0, result
    return Recorded(result, only_folder(base / "recordings"), "teacher", False)

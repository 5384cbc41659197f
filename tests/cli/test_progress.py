"""Progress on long work, seen in a real pseudo-terminal: a spinner while the server builds the
backup, a download bar while the zip streams; nothing of it without a terminal or with --json."""
from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture
def slow_backup(practice_server, robot_env):
    """The backup POST takes 3 s and the download drips at 250 kB/s (DEMO101 is ~1 MB)."""
    practice_server.state.faults.add("POST", "/main/coursecopy/create_backup.php", "delay", seconds=3)
    practice_server.state.faults.add("GET", "/main/course_info/download.php", "drip", bytes_per_sec=250_000)
    return {**robot_env, "COLUMNS": "120", "TERM": "xterm-256color"}


def run_in_terminal(args: list[str], env: dict[str, str], timeout: float = 240) -> tuple[int, str]:
    """The robot as a person starts it: stdin, stdout and stderr on a pseudo-terminal."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "robot", *args, "--env-file", os.devnull], cwd=ROOT,
                            env=env, stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # the terminal closed: the process is gone
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    os.close(master)
    code = proc.wait(timeout=30)
    return code, b"".join(chunks).decode("utf-8", errors="replace")


def test_a_terminal_shows_a_spinner_while_the_server_works_and_a_bar_while_the_zip_downloads(slow_backup):
    code, screen = run_in_terminal(["backup", "--course", "DEMO101"], slow_backup)
    text = ANSI.sub("", screen)
    assert code == 0, text[-3000:]
    assert "the server is working" in text  # the spinner's line during the backup POST
    assert re.search(r"\d:\d\d:\d\d", text)  # its elapsed time
    assert "Downloading" in text and re.search(r"[\d.]+/[\d.]+ ?[kM]B", text)  # bytes of the total
    assert re.search(r"[\d.]+ ?[kM]B/s", text)  # the rate
    assert "Backup of DEMO101 saved and verified" in text


def test_without_a_terminal_and_with_json_the_output_stays_clean(slow_backup):
    proc = subprocess.run([sys.executable, "-m", "robot", "backup", "--course", "DEMO101", "--json",
                           "--env-file", os.devnull], cwd=ROOT, env=slow_backup, capture_output=True,
                          text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr[-3000:]
    doc = json.loads(proc.stdout)  # exactly one JSON document on stdout
    assert doc["ok"] and doc["course"] == "DEMO101"
    assert "the server is working" not in proc.stderr and "Downloading" not in proc.stderr
    assert not ANSI.search(proc.stderr) and "\r" not in proc.stderr

"""Try the robot: start the practice Chamilo on a free port and back up DEMO101 into ./backups.

    .venv/bin/python scripts/try.py [robot arguments...]   (default: backup --course DEMO101)
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from practice_server import PracticeServer

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    args = sys.argv[1:] or ["backup", "--course", "DEMO101"]
    with tempfile.TemporaryDirectory(prefix="practice-chamilo-") as data:
        server = PracticeServer(data_dir=Path(data))
        server.start(host="127.0.0.1", port=0)
        print(f"practice Chamilo at {server.url} (logins: teacher/teacher, admin/admin)")
        env = {**os.environ, "CHAMILO_URL": server.url, "CHAMILO_USERNAME": "teacher",
               "CHAMILO_PASSWORD": "teacher"}
        robot = Path(sys.executable).with_name("robot")
        print("$ robot " + " ".join(args))
        try:
            return subprocess.call([str(robot), *args], env=env, cwd=ROOT)
        finally:
            server.stop()


if __name__ == "__main__":
    raise SystemExit(main())

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def robot_env(server_url: str, tmp_path: Path) -> dict[str, str]:
    """Settings for a robot run against the practice Chamilo, as a teacher."""
    return {
        "CHAMILO_URL": server_url,
        "CHAMILO_USERNAME": "teacher",
        "CHAMILO_PASSWORD": "teacher",
        "ROBOT_OUT": str(tmp_path / "backups"),
        "ROBOT_RECORDINGS": str(tmp_path / "recordings"),
        "ROBOT_STEP_TIMEOUT": "15",
        "PATH": "/usr/bin:/bin",
    }

"""Exit codes and messages that need no browser."""
from __future__ import annotations

import json

import pytest

from tests.robot_run import run_robot


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    return {"CHAMILO_URL": "http://127.0.0.1:9", "CHAMILO_USERNAME": "teacher", "CHAMILO_PASSWORD": "pw-canary-42",
            "ROBOT_LOCK_DIR": str(tmp_path / "locks")}


def test_missing_url_exits_2_with_a_clear_message():
    result = run_robot(["backup", "--course", "DEMO101"], {})
    assert result.code == 2
    assert "CHAMILO_URL" in result.stderr


def test_unknown_flag_and_missing_course_exit_2(env):
    assert run_robot(["backup"], env).code == 2
    assert run_robot(["backup", "--course", "X", "--frobnicate"], env).code == 2


def test_no_password_and_no_terminal_exits_2(env):
    result = run_robot(["backup", "--course", "DEMO101"], {**env, "CHAMILO_PASSWORD": ""})
    assert result.code == 2
    assert "CHAMILO_PASSWORD" in result.stderr


def test_unknown_item_type_is_refused_before_any_browser(env):
    result = run_robot(["backup", "--course", "DEMO101", "--items", "documents,kittens"], env)
    assert result.code == 2
    assert "kittens" in result.stderr and "documents" in result.stderr


def test_dry_run_lists_the_steps_as_json_and_never_shows_the_password(env):
    result = run_robot(["backup", "--course", "demo101", "--dry-run", "--json"], env)
    assert result.code == 0, result
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == 1 and doc["dry_run"] is True and doc["course"] == "DEMO101"
    names = [s["name"] for s in doc["steps"]]
    assert names[-4:] == ["choose_full_backup", "submit_backup", "download_backup", "verify_backup"]
    assert "pw-canary-42" not in result.stdout + result.stderr


def test_unreachable_site_exits_4_naming_the_step(env, tmp_path):
    env = {**env, "ROBOT_RECORDINGS": str(tmp_path), "ROBOT_ATTEMPTS": "1", "ROBOT_STEP_TIMEOUT": "5"}
    result = run_robot(["backup", "--course", "DEMO101"], env)
    assert result.code == 4, result
    assert "open_login_page" in result.stderr
    assert "pw-canary-42" not in result.stdout + result.stderr

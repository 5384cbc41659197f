"""Login settings without a browser: --login / CHAMILO_LOGIN, where the saved session lives, the
session file's privacy and owner check, the steps a dry run shows per mode, cookie masking in a
trace zip."""
from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path

import pytest

from robot import sessions
from robot.commands.options import LOGIN_MODES as OPTION_MODES
from robot.config import LOGIN_MODES, load
from robot.engine.trace_mask import MASK, mask_trace
from robot.errors import UsageError
from tests.robot_run import run_robot

SITE = {"CHAMILO_URL": "https://chamilo.univ.example/", "CHAMILO_USERNAME": "jdoe"}


def test_login_mode_and_session_file_from_flag_env_dotenv(tmp_path):
    assert OPTION_MODES == LOGIN_MODES
    config = load({}, {**SITE, "XDG_STATE_HOME": str(tmp_path / "state")}, None)
    assert config.login == "form"
    assert config.session_file.parent == tmp_path / "state" / "chamilo-robot" / "sessions"
    assert config.session_file.name.startswith("chamilo.univ.example-jdoe-")
    other = load({}, {**SITE, "CHAMILO_USERNAME": "asmith", "XDG_STATE_HOME": str(tmp_path / "state")}, None)
    assert other.session_file != config.session_file  # one file per site and user
    dotenv = tmp_path / ".env"
    dotenv.write_text("CHAMILO_LOGIN=session\nCHAMILO_SESSION=~/s.json\n")
    config = load({}, SITE, dotenv)
    assert config.login == "session" and config.session_file == Path.home() / "s.json"
    assert load({"login": "sso"}, {**SITE, "CHAMILO_LOGIN": "form"}, dotenv).login == "sso"
    with pytest.raises(UsageError, match="form, sso, session"):
        load({}, {**SITE, "CHAMILO_LOGIN": "saml"}, None)


def test_session_file_is_private_from_creation_and_checked_against_site_and_user(tmp_path):
    path = tmp_path / "sessions" / "s.json"
    old_umask = os.umask(0)  # even with no umask at all
    try:
        sessions.write(path, {"cookies": [{"name": "ch_sid", "value": "abc"}], "origins": []},
                       site="https://chamilo.univ.example", username="jdoe", login="sso")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    state = sessions.read(path, site="https://chamilo.univ.example/", username="jdoe")
    assert state == {"cookies": [{"name": "ch_sid", "value": "abc"}], "origins": []}
    with pytest.raises(UsageError, match="belongs to 'jdoe'"):
        sessions.read(path, site="https://chamilo.univ.example", username="asmith")
    path.chmod(0o644)
    sessions.read(path, site="https://chamilo.univ.example", username="jdoe")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # made private again
    assert sessions.delete(path) and not path.exists() and not sessions.delete(path)
    assert sessions.read(path, site="https://chamilo.univ.example", username="jdoe") is None


@pytest.mark.parametrize("mode, first_steps", [
    ("form", ["open_login_page", "fill_credentials", "submit_login", "open_course_home"]),
    ("sso", ["open_sign_in_page", "fill_idp_credentials", "submit_idp_login", "open_course_home"]),
    ("session", ["open_site_signed_in", "open_course_home"]),
])
def test_dry_run_shows_the_login_steps_of_the_mode(mode, first_steps, tmp_path):
    env = {"CHAMILO_URL": "http://127.0.0.1:9", "CHAMILO_USERNAME": "teacher", "XDG_STATE_HOME": str(tmp_path),
           "ROBOT_LOCK_DIR": str(tmp_path / "locks")}
    result = run_robot(["backup", "--course", "DEMO101", "--dry-run", "--json", "--login", mode], env)
    assert result.code == 0, result
    names = [st["name"] for st in result.json()["steps"]]
    assert names[:len(first_steps)] == first_steps


def test_session_mode_without_a_saved_session_says_run_robot_login(tmp_path):
    env = {"CHAMILO_URL": "http://127.0.0.1:9", "CHAMILO_USERNAME": "teacher", "XDG_STATE_HOME": str(tmp_path),
           "CHAMILO_LOGIN": "session", "ROBOT_LOCK_DIR": str(tmp_path / "locks")}
    result = run_robot(["backup", "--course", "DEMO101", "--out", str(tmp_path / "out")], env)
    assert result.code == 2 and "no saved session" in result.stderr and "robot login" in result.stderr, result


def test_trace_cookie_values_masked_images_untouched(tmp_path):
    jpeg = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4 + b"\xff\xd9"
    network = [{"type": "resource-snapshot", "snapshot": {
        "request": {"url": "http://s/x", "headers": [{"name": "Cookie", "value": "ch_sid=s3cr3tSid123; lang=en"}],
                    "cookies": [{"name": "ch_sid", "value": "s3cr3tSid123"}]},
        "response": {"headers": [{"name": "Set-Cookie", "value": "CASTGC=TGT-abcdefgh99; Secure; HttpOnly"}],
                     "cookies": [{"name": "CASTGC", "value": "TGT-abcdefgh99"}]}}}]
    path = tmp_path / "trace.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("trace.network", "\n".join(json.dumps(e) for e in network))
        zf.writestr("trace.trace", '{"html": "<p>TGT-abcdefgh99 and s3cr3tSid123, lang en</p>"}')
        zf.writestr("resources/page.html", "<a href='?x=context-only-9X8Y7Z6W'>")
        zf.writestr("screencast/frame.jpeg", jpeg)
    mask_trace(path, values={"context-only-9X8Y7Z6W"})
    with zipfile.ZipFile(path) as zf:
        everything = b"".join(zf.read(n) for n in zf.namelist())
        assert zf.read("screencast/frame.jpeg") == jpeg
        net = json.loads(zf.read("trace.network"))
        assert "lang en" in zf.read("trace.trace").decode()
    for secret in (b"s3cr3tSid123", b"TGT-abcdefgh99", b"context-only-9X8Y7Z6W"):
        assert secret not in everything
    assert net["snapshot"]["request"]["headers"] == [{"name": "Cookie", "value": MASK}]
    assert net["snapshot"]["response"]["cookies"] == [{"name": "CASTGC", "value": MASK}]

from __future__ import annotations

import pytest

from robot.config import Secret, load
from robot.errors import UsageError


def test_flags_beat_environment_beat_dotenv(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("CHAMILO_URL=http://127.0.0.1:1\nCHAMILO_USERNAME=fromdotenv\nROBOT_LANG=fr\n")
    env = {"CHAMILO_USERNAME": "fromenv", "CHAMILO_PASSWORD": "pw-123"}
    config = load({"lang": "en"}, env, dotenv)
    assert config.url == "http://127.0.0.1:1"
    assert config.username == "fromenv"
    assert config.lang == "en"
    assert config.sources == {"url": ".env", "username": "env", "lang": "flag", "password": "env"}


def test_password_is_never_a_flag(tmp_path):
    with pytest.raises(UsageError, match="never taken from a flag"):
        load({"password": "x"}, {"CHAMILO_URL": "http://127.0.0.1", "CHAMILO_USERNAME": "u"}, None)


def test_secret_never_prints():
    s = Secret("hunter2")
    assert "hunter2" not in repr(s) and "hunter2" not in str(s) and "hunter2" not in f"{s}"
    config = load({}, {"CHAMILO_URL": "http://127.0.0.1", "CHAMILO_USERNAME": "u", "CHAMILO_PASSWORD": "hunter2"}, None)
    assert "hunter2" not in repr(config)
    assert ("password", "<set>", "env") in config.show()


def test_plain_http_to_a_remote_host_is_refused():
    env = {"CHAMILO_URL": "http://chamilo.example.org", "CHAMILO_USERNAME": "u"}
    with pytest.raises(UsageError, match="allow-insecure-http"):
        load({}, env, None)
    assert load({"allow_insecure_http": True}, env, None).url == "http://chamilo.example.org"
    assert load({}, {**env, "CHAMILO_URL": "https://chamilo.example.org/"}, None).url == "https://chamilo.example.org"


@pytest.mark.parametrize("env, message", [
    ({}, "no Chamilo URL"),
    ({"CHAMILO_URL": "chamilo.example.org"}, "must start with http"),
    ({"CHAMILO_URL": "http://127.0.0.1"}, "no username"),
    ({"CHAMILO_URL": "http://127.0.0.1", "CHAMILO_USERNAME": "u", "ROBOT_ATTEMPTS": "zero"}, "bad number"),
])
def test_bad_settings_say_what_is_wrong(env, message):
    with pytest.raises(UsageError, match=message):
        load({}, env, None)


def test_lock_folder_comes_from_the_settings():
    base = {"CHAMILO_URL": "http://127.0.0.1", "CHAMILO_USERNAME": "u"}
    assert load({}, {**base, "ROBOT_LOCK_DIR": "/tmp/l"}, None).lock_dir.as_posix() == "/tmp/l"
    assert load({}, {**base, "XDG_CACHE_HOME": "/x/cache"}, None).lock_dir.as_posix() == "/x/cache/chamilo-robot/locks"
    assert load({}, {**base, "HOME": "/home/t"}, None).lock_dir.as_posix() == "/home/t/.cache/chamilo-robot/locks"

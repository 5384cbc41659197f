"""The password goes only where it belongs (issue 22): a login page of the site whose form would send
it to another host — written so (``form_action``), changed by a script once the password is typed
(``form_action_script``) — gets nothing; the run ends with exit 2 naming that host, for the robot's
own sign-in and for `robot login --headed`. The other host is a second loopback address (127.0.0.2)
that logs what it receives. Real Chromium, the practice Chamilo; the identity provider's form is
tested in tests/sso/test_sso_destination.py."""
from __future__ import annotations

from pathlib import Path

from tests.other_host import other_host  # noqa: F401 - the module fixture
from tests.robot_run import run_robot

CANARY = "Zq7-canary-Pw!9x"
LOGIN_PAGE = ("GET", "/index.php")


def _arm(practice_server, kind: str, action: str) -> None:
    practice_server.state.set_password("teacher", CANARY)
    practice_server.state.faults.add(*LOGIN_PAGE, kind, times=50, action=action)


def test_a_login_form_posting_to_another_host_gets_no_password(practice_server, robot_env, other_host):
    _arm(practice_server, "form_action", other_host.url + "/steal")
    result = run_robot(["backup", "--course", "DEMO101"], {**robot_env, "CHAMILO_PASSWORD": CANARY})
    assert result.code == 2, result
    assert f"would send the password to {other_host.url}" in result.stderr and "nothing was typed" in result.stderr
    assert "fill_credentials" in result.stderr and CANARY not in result.stderr + result.stdout
    assert other_host.received == []  # not a byte reached the other host
    assert practice_server.state.count("POST", "/index.php") == 0  # nor was anything submitted anywhere
    assert practice_server.state.count(*LOGIN_PAGE) == 1  # never retried


def test_a_form_changed_by_a_script_after_the_check_is_not_submitted(practice_server, robot_env, other_host,
                                                                      tmp_path):
    """The script sets the form's action to the other host as soon as the password is typed: the
    second check, right before the click, refuses to submit."""
    _arm(practice_server, "form_action_script", other_host.url + "/steal")
    result = run_robot(["backup", "--course", "DEMO101"], {**robot_env, "CHAMILO_PASSWORD": CANARY})
    assert result.code == 2, result
    assert (f"was changed after the robot checked it and would send the password to {other_host.url}"
            in result.stderr), result
    assert "submit_login" in result.stderr and "nothing was sent" in result.stderr
    assert other_host.received == []
    assert practice_server.state.count("POST", "/index.php") == 0
    failure = list((tmp_path / "recordings" / "failures").rglob("*-submit_login.html"))
    assert len(failure) == 1 and CANARY not in failure[0].read_text()  # the typed field is not in the page saved


def test_login_headed_types_nothing_into_a_form_posting_elsewhere(practice_server, robot_env, other_host,
                                                                   tmp_path):
    """`robot login --headed` types the password for the person when it knows the form: the same
    checks first. No display here: the "visible" browser is the headless shell (ROBOT_BROWSER)."""
    wrapper = tmp_path / "chromium-without-display"
    wrapper.write_text('#!/bin/sh\nexec /usr/lib/chromium/chromium-headless-shell "$@"\n')
    wrapper.chmod(0o755)
    _arm(practice_server, "form_action", other_host.url + "/steal")
    env = {**robot_env, "CHAMILO_PASSWORD": CANARY, "ROBOT_BROWSER": str(wrapper),
           "XDG_STATE_HOME": str(tmp_path / "state")}
    result = run_robot(["login", "--headed", "--wait", "5"], env)
    assert result.code == 2, result
    assert f"would send the password to {other_host.url}" in result.stderr and "nothing was typed" in result.stderr
    assert other_host.received == [] and practice_server.state.count("POST", "/index.php") == 0
    assert not Path(tmp_path / "state").exists() or not list(Path(tmp_path / "state").rglob("*.json"))


SHADOW_LOGIN_PAGE = """<!DOCTYPE html><html><body><div><template shadowrootmode="open">
<form method="post" action="{action}"><input name="login"><input name="password" type="password">
<button name="submitAuth" type="submit">Login</button></form></template></div></body></html>"""


def test_a_login_form_inside_a_shadow_root_is_checked_too(open_page, other_host):
    """The robot's locators find fields inside an open shadow root (Playwright's CSS pierces them):
    the guard looks at the very elements the robot types into and clicks, not at what
    document.querySelector sees (nothing, there). A page of its own, served over HTTP on the
    loopback: the guard alone, no robot run."""
    import types
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from threading import Thread

    import pytest

    from flows.knowledge import chamilo_1_11 as K
    from flows.login_guard import PasswordWouldLeave, check_destination

    body = SHADOW_LOGIN_PAGE.format(action=other_host.url + "/steal").encode()

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's names
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    site = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    Thread(target=site.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{site.server_address[1]}"
        page = open_page()
        page.goto(base + "/index.php")
        assert page.locator(K.login.password).count() == 1  # what the robot would type into
        s = types.SimpleNamespace(page=page, timeout_ms=5_000,
                                  params=types.SimpleNamespace(site=types.SimpleNamespace(allow_insecure_http=False)))
        with pytest.raises(PasswordWouldLeave, match=f"would send the password to {other_host.url}"):
            check_destination(s, belongs_to=base, password=K.login.password, submit=K.login.submit)
    finally:
        site.shutdown()
        site.server_close()


def test_a_form_changed_as_it_is_submitted_sends_nothing(practice_server, robot_env, other_host):
    """The script points the form elsewhere in its submit handler, after both checks: the request
    that carries the password is stopped in the browser before it leaves (password_stays)."""
    practice_server.state.set_password("teacher", CANARY)
    practice_server.state.faults.add(*LOGIN_PAGE, "form_action_script", times=50, action=other_host.url + "/steal",
                                     on="submit")
    other_host.received.clear()
    result = run_robot(["backup", "--course", "DEMO101"], {**robot_env, "CHAMILO_PASSWORD": CANARY})
    assert result.code == 2, result
    assert f"tried to send the password to {other_host.url}" in result.stderr, result
    assert "submit_login" in result.stderr and CANARY not in result.stderr + result.stdout
    assert other_host.received == []
    assert practice_server.state.count("POST", "/index.php") == 0
    assert practice_server.state.count(*LOGIN_PAGE) == 1  # never retried

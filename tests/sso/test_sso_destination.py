"""The identity provider's page gets the password only when it is the provider the robot accepted
and its form sends the password there (issue 22): a real CAS server whose login form posts to
another host (127.0.0.2, logging what it receives) gets nothing, exit 2 naming that host; and
`robot login --headed`, which types the password for the person, applies the provider's https rule
(an identity provider on plain http to a host name is refused before anything is typed)."""
from __future__ import annotations

from practice_server import CasSettings
from tests.other_host import other_host  # noqa: F401 - the module fixture
from tests.robot_run import run_robot

from .test_sso_robot import CANARY, robot_env


def test_an_identity_provider_form_posting_to_another_host_gets_no_password(cas_chamilo, cas_server,
                                                                           other_host, tmp_path):
    cas_server.set_password("teacher", CANARY)
    cas_server.hostile_login_form(other_host.url + "/steal")
    env = robot_env(cas_chamilo, tmp_path, CHAMILO_LOGIN="sso", CHAMILO_PASSWORD=CANARY,
                    ROBOT_CA_BUNDLE=str(cas_server.ca_bundle))
    result = run_robot(["backup", "--course", "DEMO101"], env)
    assert result.code == 2, result
    assert f"would send the password to {other_host.url}, not to {cas_server.url.rsplit('/', 1)[0]}" in result.stderr
    assert "fill_idp_credentials" in result.stderr and "nothing was typed" in result.stderr
    assert other_host.received == [] and cas_server.logins() == 0
    assert CANARY not in result.stderr + result.stdout


def test_login_headed_refuses_an_identity_provider_on_plain_http(practice_server, other_host, tmp_path):
    """The site sends browsers to http://idp.test (the other host, through Chromium's host resolver
    rules): `robot login --headed` with a password stops there, exit 2, and types nothing."""
    port = other_host.url.rsplit(":", 1)[1]
    practice_server.state.cas = CasSettings(f"http://idp.test:{port}/cas", force_redirect=True)
    wrapper = tmp_path / "chromium-without-display"
    wrapper.write_text("#!/bin/sh\nexec /usr/lib/chromium/chromium-headless-shell "
                       "--host-resolver-rules='MAP idp.test 127.0.0.2' \"$@\"\n")
    wrapper.chmod(0o755)
    other_host.received.clear()
    env = robot_env(practice_server, tmp_path, CHAMILO_LOGIN="sso", CHAMILO_PASSWORD=CANARY,
                    ROBOT_BROWSER=str(wrapper))
    result = run_robot(["login", "--headed", "--wait", "5"], env)
    assert result.code == 2, result
    assert f"the identity provider http://idp.test:{port} is not https" in result.stderr, result
    assert [method for method, _, _ in other_host.received] == ["GET"]  # its page was shown, nothing sent
    assert other_host.posts() == []

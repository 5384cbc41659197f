"""The CAS round trips in real Chromium: the practice Chamilo (http) and django-mama-cas (https,
a throwaway CA). Chromium trusts the CAS server's key only (--ignore-certificate-errors-spki-list,
as robot/tls.py does for a private CA), not any certificate."""
from __future__ import annotations

from typing import Iterator

import pytest
from playwright.sync_api import Error as PlaywrightError

from practice_server import CasSettings
from tests.conftest import CHROMIUM_ARGS, chromium_executable

DEEP_LINK = "/main/coursecopy/create_backup.php?cidReq=DEMO101"


@pytest.fixture(scope="module")
def sso_browser(playwright, cas_server) -> Iterator:
    """A Chromium that trusts the CAS server's certificate (by its key), nothing else untrusted."""
    options = {"args": CHROMIUM_ARGS + cas_server.chromium_trust_args()}
    exe = chromium_executable(playwright)
    if exe:
        options["executable_path"] = exe
    browser = playwright.chromium.launch(**options)
    yield browser
    browser.close()


@pytest.fixture
def sso_page(sso_browser):
    context = sso_browser.new_context(extra_http_headers={"Accept-Language": "en-US,en;q=0.9"})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def redirect_chain(response) -> list[str]:
    """The URLs a navigation went through before ``response``, oldest first."""
    urls, request = [], response.request.redirected_from
    while request is not None:
        urls.insert(0, request.url)
        request = request.redirected_from
    return urls


def fill_cas_form(page, username: str) -> None:
    page.fill("form.form-login input[name=username]", username)
    page.fill("form.form-login input[name=password]", username)
    with page.expect_navigation():
        page.click("form.form-login button[type=submit]")


def test_deep_link_cas_login_then_silent_relogin_then_the_form_again(sso_page, cas_chamilo, cas_server):
    page, deep = sso_page, cas_chamilo.url + DEEP_LINK
    page.goto(deep)
    assert page.url.startswith(cas_server.url + "/login?service=")
    assert page.title() == "Central Authentication Service - Example University"
    fill_cas_form(page, "teacher")
    assert page.url == deep
    assert page.locator("form#create_backup_form").is_visible() and page.locator("#logout_button").count() == 1
    assert cas_server.logins("teacher") == 1

    # Chamilo's session expired, the IdP's did not: a silent round trip, no form, no new login
    cas_chamilo.state.faults.add("GET", "/main/coursecopy/create_backup.php", "expire_session")
    response = page.goto(deep)
    chain = redirect_chain(response)
    assert len(chain) == 3 and chain[1].startswith(cas_server.url + "/login?service=") and "ticket=ST-" in chain[2]
    assert response.status == 200 and page.url == deep and page.locator("form#create_backup_form").is_visible()
    assert cas_server.logins("teacher") == 1

    # both sessions gone: the CAS form again
    cas_server.end_sso_sessions()
    cas_chamilo.state.faults.add("GET", "/main/coursecopy/create_backup.php", "expire_session")
    page.goto(deep)
    assert page.locator("form.form-login input[name=password]").is_visible()
    fill_cas_form(page, "teacher")
    assert page.url == deep and cas_server.logins("teacher") == 2


def test_the_cas_button_of_a_site_that_does_not_force_it(sso_page, cas_chamilo, cas_server):
    cas_chamilo.state.cas = CasSettings(cas_server.url, ca_bundle=str(cas_server.ca_bundle))
    page, deep = sso_page, cas_chamilo.url + DEEP_LINK
    page.goto(deep)
    assert page.locator("#formLogin").is_hidden()
    with page.expect_navigation():
        page.click("form#form-cas-login button[name=casLoginButton]")
    assert page.url.startswith(cas_server.url + "/login?service=")
    fill_cas_form(page, "teacher")
    assert page.url == deep and page.locator("form#create_backup_form").is_visible()

    # the institution's server answers 500 with nothing for a ticket it does not know
    response = page.goto(deep.replace("cidReq=DEMO101", "cidReq=HIST2026") + "&ticket=ST-1-" + "x" * 32)
    assert response.status == 200  # logged in already: Chamilo ignores the ticket
    page.context.clear_cookies()
    try:
        refused = page.goto(deep + "&ticket=ST-1-" + "x" * 32)
    except PlaywrightError as err:  # the desktop Chromium fails the navigation on an empty 500
        assert "ERR_HTTP_RESPONSE_CODE_FAILURE" in str(err)
    else:  # the headless shell shows the empty page
        assert refused.status == 500 and not refused.body().strip()

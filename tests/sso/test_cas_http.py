"""The practice Chamilo as a CAS client of a real django-mama-cas over TLS, at HTTP level
(UI-REFERENCE §13: captures 30a-30h, 31a-31e). Every exchange goes over real sockets; the CAS
server is trusted through its CA bundle only."""
from __future__ import annotations

import re
from urllib.parse import quote_plus

from practice_server import CasSettings

from .web_client import Reply, WebClient

BACKUP = "/main/coursecopy/create_backup.php"
DEEP_LINK = BACKUP + "?cidReq=DEMO101"


def login_url(cas_server, service: str) -> str:
    return f"{cas_server.url}/login?service={quote_plus(service, safe='')}"


def is_cas_form(reply: Reply) -> bool:
    return reply.status == 200 and 'name="username"' in reply.text and 'type="password"' in reply.text


def is_logged_in(reply: Reply) -> bool:
    return reply.status == 200 and 'id="logout_button"' in reply.text


def sign_in(client: WebClient, chamilo, cas_server, path: str = DEEP_LINK, user: str = "teacher") -> Reply:
    form = client.open(chamilo.url + path)
    assert is_cas_form(form), form
    return client.cas_login(form, user, user)


def test_deep_link_goes_through_cas_and_comes_back_logged_in(cas_chamilo, cas_server):
    client = WebClient(str(cas_server.ca_bundle))
    deep = cas_chamilo.url + DEEP_LINK

    form = client.open(deep)  # 30a / 30f: anonymous → 302 to the IdP, service = the deep link
    assert [(h.status, h.location) for h in form.chain] == [(302, login_url(cas_server, deep))]
    assert is_cas_form(form) and "Central Authentication Service" in form.text

    back = client.cas_login(form, "teacher", "teacher")  # 30b / 30f2
    assert [h.status for h in back.chain] == [302, 302]
    ticket_url = back.chain[0].location
    assert re.fullmatch(re.escape(deep) + r"&ticket=ST-\d+-[A-Za-z0-9]{32}", ticket_url), ticket_url
    assert back.chain[1].url == ticket_url and back.chain[1].location == deep
    assert back.url == deep and is_logged_in(back) and 'name="create_backup_form"' in back.text
    assert re.fullmatch(r"[0-9a-f]{64}", client.cookie("ch_sid").value)  # phpCAS renamed the session
    castgc = client.cookie("CASTGC")
    assert castgc is not None and castgc.secure
    assert cas_server.login_counts() == {"teacher": 1}

    home = client.open(cas_chamilo.url + "/")  # the site root lands on the logged-in homepage
    assert home.chain == [] and is_logged_in(home)

    anonymous = WebClient(str(cas_server.ca_bundle))  # AJAX requests are redirected too
    ajax = anonymous.open(cas_chamilo.url + "/main/inc/ajax/announcement.ajax.php?a=get_all", follow=False)
    assert ajax.status == 302 and ajax.headers["Location"].startswith(cas_server.url + "/login?service=")


def test_site_root_lands_on_the_homepage_not_the_portal(cas_chamilo, cas_server):
    client = WebClient(str(cas_server.ca_bundle))
    back = sign_in(client, cas_chamilo, cas_server, path="/")
    assert back.url == cas_chamilo.url + "/" and is_logged_in(back)
    assert not any("user_portal.php" in (h.location or "") for h in back.chain)


def test_expired_sessions_silent_round_trip_then_the_form_again(cas_chamilo, cas_server):
    client = WebClient(str(cas_server.ca_bundle))
    deep = cas_chamilo.url + DEEP_LINK
    assert is_logged_in(sign_in(client, cas_chamilo, cas_server))
    old_sid = client.cookie("ch_sid").value

    # 30e: the Chamilo session is gone, the IdP's is not: a silent round trip, no form
    cas_chamilo.state.faults.add("GET", BACKUP, "expire_session")
    again = client.open(deep)
    assert [h.url.split("?")[0] for h in again.chain] == [deep.split("?")[0], cas_server.url + "/login",
                                                          deep.split("?")[0]]
    assert again.chain[2].location == deep
    assert again.url == deep and is_logged_in(again)
    assert client.cookie("ch_sid").value != old_sid
    assert cas_server.logins("teacher") == 1

    # 30f: the IdP's session is gone as well: its form again, with the deep link as service
    cas_server.end_sso_sessions()
    cas_chamilo.state.faults.add("GET", BACKUP, "expire_session")
    form = client.open(deep)
    assert is_cas_form(form) and form.url == login_url(cas_server, deep)
    back = client.cas_login(form, "teacher", "teacher")  # 30f2
    assert back.url == deep and is_logged_in(back)
    assert cas_server.logins("teacher") == 2


def test_a_post_without_session_comes_back_as_a_get_and_does_nothing(cas_chamilo, cas_server):
    """30e2: the form POST is redirected before the page runs; the browser ends on a GET of the
    same URL without its empty parameters: the form again, no backup."""
    client = WebClient(str(cas_server.ca_bundle))
    sign_in(client, cas_chamilo, cas_server)
    action = cas_chamilo.url + BACKUP + "?cidReq=DEMO101&id_session=0&gidReq=0&gradebook=0&origin="
    cas_chamilo.state.faults.add("POST", BACKUP, "expire_session")
    reply = client.open(action, {"backup_option": "full_backup", "submit": "", "_qf__create_backup_form": "",
                                 "sec_token": "0" * 32})
    assert reply.chain[0].method == "POST" and reply.chain[0].location == login_url(cas_server, action)
    assert reply.url == action.removesuffix("&origin=") and is_logged_in(reply)
    assert 'name="create_backup_form"' in reply.text
    assert cas_chamilo.state.backups() == []


def test_refused_tickets_and_unknown_users_answer_500_with_an_empty_body(cas_chamilo, cas_server):
    client = WebClient(str(cas_server.ca_bundle))
    back = sign_in(client, cas_chamilo, cas_server)
    ticket_url = back.chain[0].location

    replayed = WebClient(str(cas_server.ca_bundle)).open(ticket_url)  # the ticket was used once already
    assert (replayed.status, replayed.body, replayed.chain) == (500, b"", [])
    forged = WebClient(str(cas_server.ca_bundle)).open(cas_chamilo.url + DEEP_LINK + "&ticket=ST-1-" + "x" * 32)
    assert (forged.status, forged.body) == (500, b"")

    stranger = WebClient(str(cas_server.ca_bundle))  # a CAS user the practice Chamilo does not know
    refused = sign_in(stranger, cas_chamilo, cas_server, user="stranger")
    assert (refused.status, refused.body) == (500, b"")
    assert "ticket=ST-" in refused.chain[0].location
    assert (stranger.open(cas_chamilo.url + "/").status, cas_server.logins("stranger")) == (500, 1)

    # the IdP's certificate is checked: without the CA bundle the ticket cannot be validated
    cas_chamilo.state.cas = CasSettings(cas_server.url, force_redirect=True)
    untrusted = sign_in(WebClient(str(cas_server.ca_bundle)), cas_chamilo, cas_server)
    assert (untrusted.status, untrusted.body) == (500, b"")
    cas_chamilo.state.cas = CasSettings(cas_server.url, force_redirect=True, no_server_validation=True)
    unchecked = sign_in(WebClient(str(cas_server.ca_bundle)), cas_chamilo, cas_server)
    assert is_logged_in(unchecked)


def test_logout_ends_the_chamilo_session_then_the_idp_session(cas_chamilo, cas_server):
    client = WebClient(str(cas_server.ca_bundle))
    sign_in(client, cas_chamilo, cas_server)
    teacher_id = cas_chamilo.state.user_by_username("teacher")["id"]
    out = client.open(f"{cas_chamilo.url}/index.php?logout=logout&uid={teacher_id}")  # 30h
    assert [(h.url, h.location) for h in out.chain] == [
        (f"{cas_chamilo.url}/index.php?logout=logout&uid={teacher_id}", cas_server.url + "/logout"),
        (cas_server.url + "/logout", "/cas/login")]
    assert is_cas_form(out) and "You have been successfully logged out" in out.text
    assert is_cas_form(client.open(cas_chamilo.url + DEEP_LINK))  # both sessions are over

    # a user whose auth_source is not cas: the logout leaves the IdP alone
    cas_chamilo.state.cas = CasSettings(cas_server.url, force_redirect=True, ca_bundle=str(cas_server.ca_bundle),
                                        cas_auth_users=frozenset())
    sign_in(client, cas_chamilo, cas_server)
    out = client.open(f"{cas_chamilo.url}/index.php?logout=logout&uid={teacher_id}", follow=False)
    assert out.headers["Location"] == cas_chamilo.url + "/index.php"


def test_cas_on_but_not_forced(cas_chamilo, cas_server):
    """§13.4: the stock login form, the CAS button on the not-allowed page, checkLoginCas,
    replace_login_form; skip_force_redirect_in leaves a page alone when forced."""
    bundle = str(cas_server.ca_bundle)
    cas_chamilo.state.cas = CasSettings(cas_server.url, ca_bundle=bundle)
    client = WebClient(bundle)
    deep = cas_chamilo.url + DEEP_LINK

    home = client.open(cas_chamilo.url + "/")  # 31a
    assert home.chain == [] and 'name="formLogin"' in home.text and "form-cas-login" not in home.text

    denied = client.open(deep)  # 31b
    assert denied.status == 200 and denied.chain == []
    assert 'name="form-cas-login"' in denied.text and 'name="forceCASAuthentication" type="hidden" value="1"' in denied.text
    assert f'action="{DEEP_LINK}&amp;redirect_after_not_allow_page=1"' in denied.text

    form = client.open(deep, {"casLoginButton": "", "_qf__form-cas-login": "", "forceCASAuthentication": "1"})  # 31c
    assert form.chain[0].method == "POST" and form.chain[0].location == login_url(cas_server, deep)
    back = client.cas_login(form, "teacher", "teacher")  # 31d
    assert back.url == deep and is_logged_in(back)

    check = WebClient(bundle).open(cas_chamilo.url + "/index.php?checkLoginCas=1", follow=False)
    assert check.status == 302
    assert check.headers["Location"] == login_url(cas_server, cas_chamilo.url + "/index.php?checkLoginCas=1")

    cas_chamilo.state.cas = CasSettings(cas_server.url, ca_bundle=bundle, replace_login_form=True)  # 31e
    replaced = WebClient(bundle).open(cas_chamilo.url + "/")
    assert 'name="form-cas-login"' in replaced.text and 'action="/"' in replaced.text
    assert 'name="formLogin"' not in replaced.text

    cas_chamilo.state.cas = CasSettings(cas_server.url, ca_bundle=bundle, force_redirect=True,
                                        skip_force_redirect_in=("/main/coursecopy/",))
    skipped = WebClient(bundle).open(deep)
    assert skipped.chain == [] and skipped.status == 200 and 'name="formLogin"' in skipped.text
    assert WebClient(bundle).open(cas_chamilo.url + "/", follow=False).status == 302

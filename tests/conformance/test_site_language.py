"""The language of the practice Chamilo's anonymous login page against the captures of real
Chamilo 1.11.32 and 1.11.16 (UI-REFERENCE §18: fr/01a, fr/01x, fr/53b, fr/53c): which
Accept-Language gives which page, the language menu's links, the choice kept in the session — and
the Accept-Language the robot's browser sends. No browser: Flask's test client, one request each."""
from __future__ import annotations

import json
import re

import pytest

from robot.engine.browser import accept_language, browser_locale

from .formcheck import PAGES, step_dir

pytestmark = pytest.mark.skipif(not PAGES.is_dir(), reason="../shared/chamilo is absent")

# (capture, the Accept-Language it was captured with (its meta.json / UI-REFERENCE §18), version)
CAPTURES = [
    ("fr", "01a-login", "fr-FR,fr;q=0.9,en;q=0.8", "1.11.32"),
    ("fr", "01x-login-AcceptLanguage_frFR_only", "fr-FR", "1.11.32"),  # Playwright's locale="fr-FR" alone
    ("fr", "53b-login-1116-language-menu", "fr-FR,fr;q=0.9,en;q=0.8", "1.11.16"),
    ("en", "01a-login", "en-US,en;q=0.9", "1.11.32"),
]


def html_lang(body: str) -> str:
    return re.search(r'<html[^>]*\blang="([^"]+)"', body).group(1)


def menu_hrefs(body: str) -> list[str]:
    return re.findall(r'href="(/index\.php\?language=[a-z]+)"', body)


def captured(lang: str, step: str) -> tuple[str, list[str]]:
    folder = step_dir(lang, step)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    links = json.loads((folder / "links.json").read_text(encoding="utf-8"))["links"]
    return meta["html_lang"], [a["href_attr"] for a in links if "?language=" in (a.get("href_attr") or "")]


@pytest.mark.parametrize("lang, step, header, version", CAPTURES, ids=[f"{c[0]}-{c[1]}" for c in CAPTURES])
def test_the_login_page_language_and_menu_follow_the_captures(practice_server, lang, step, header, version):
    want_lang, want_menu = captured(lang, step)
    practice_server.state.version = version
    body = practice_server.app.test_client().get("/index.php", headers={"Accept-Language": header}).get_data(as_text=True)
    assert html_lang(body) == want_lang
    assert menu_hrefs(body) == want_menu  # the same links, in the same order, on both versions


def test_the_language_chosen_in_the_menu_is_kept_until_the_login(practice_server):
    """53c: following /index.php?language=french gives the French page, and the next ones too."""
    want_lang, _ = captured("fr", "53c-login-1116-after-choosing-french")
    practice_server.state.version = "1.11.16"
    client = practice_server.app.test_client()
    assert html_lang(client.get("/index.php?language=french").get_data(as_text=True)) == want_lang == "fr"
    assert html_lang(client.get("/index.php", headers={"Accept-Language": "en"}).get_data(as_text=True)) == "fr"


def test_the_robots_browser_asks_in_a_form_chamilo_matches(practice_server):
    """What Chromium sends on a page load is the context's locale alone (the headless shell), on
    other requests the header: both must give the French page (a bare "fr-FR" does not, 01x)."""
    client = practice_server.app.test_client()
    for header in (browser_locale("fr"), accept_language("fr")):
        assert html_lang(client.get("/index.php", headers={"Accept-Language": header}).get_data(as_text=True)) == "fr"
    assert html_lang(client.get("/index.php", headers={"Accept-Language": browser_locale("en")}).get_data(as_text=True)) == "en"


def test_a_proxy_that_drops_accept_language_leaves_only_the_menu(practice_server):
    practice_server.state.faults.add("*", "*", "no_accept_language", times=10)
    client = practice_server.app.test_client()
    assert html_lang(client.get("/index.php", headers={"Accept-Language": "fr"}).get_data(as_text=True)) == "en"
    assert html_lang(client.get("/index.php?language=french").get_data(as_text=True)) == "fr"

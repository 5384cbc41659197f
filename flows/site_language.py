"""The site in the run's language from its first page (issue 21).

The browser asks for ``--lang`` in a form Chamilo matches (robot/engine/browser.py). Where the site
still shows its anonymous login page in another language (a proxy that drops the browser's
Accept-Language, a site set up so) and the page offers a language menu, the robot follows the menu's
link to the run's language — found by its value (the language folder in its href), never by its
label — as a person would choose « Français » there. Otherwise the page stays in the site's own
language: the run says so, and the guide quotes the site's labels as they are (its note on pages in
another language: robot/engine/guide.py).
"""
from __future__ import annotations

import logging
from urllib.parse import urljoin

from playwright.sync_api import Error as PlaywrightError

from robot.engine.guide import language_name
from robot.engine.steps import StepContext

log = logging.getLogger("robot")

SITE_LANGUAGE = "site_language"  # ctx.data: {"wanted", "shown", "chosen_in_menu"}


def page_language(s: StepContext) -> str:
    """The page's own language (its ``<html lang>``), as a two-letter code; "" when it does not say."""
    try:
        return (s.page.evaluate(s.k.site_language.page_lang_js) or "")[:2]
    except PlaywrightError:
        return ""


def choose_site_language(s: StepContext) -> None:
    """On the site's anonymous login page: when it is not in the run's language, choose that
    language in the page's language menu, when it has one."""
    wanted, shown = s.lang, page_language(s)
    found = {"wanted": wanted, "shown": shown, "chosen_in_menu": False}
    s.data[SITE_LANGUAGE] = found
    if not shown or shown == wanted or wanted not in s.k.site_language.folders:
        return
    link = s.page.locator(s.k.site_language.menu_link(wanted))
    if link.count():
        label = " ".join((link.first.text_content() or "").split())
        href = link.first.get_attribute("href") or ""
        log.info("    the site shows its login page in %s: choosing %s in its language menu",
                 language_name(shown, "en"), language_name(wanted, "en"))
        s.goto(urljoin(s.page.url, href))
        now = page_language(s)
        found.update(shown=now, chosen_in_menu=now == wanted)
        if now == wanted:
            quoted = f" “{label}”" if label else ""
            quoted_fr = f" « {label} »" if label else ""
            s.note(en=f"The site showed this page in {language_name(shown, 'en')}: the robot chose{quoted} in "
                      "the language menu above the login form. Do the same if the page is not in English for you.",
                   fr=f"Le site affichait cette page en {language_name(shown, 'fr')} : le robot a choisi{quoted_fr} "
                      "dans le menu des langues au-dessus du formulaire de connexion. Faites de même si la page "
                      "ne s'affiche pas en français chez vous.")
            return
    log.warning("the site shows its login page in %s, not in %s (its own language; it offers no way to choose): "
                "the guide quotes its labels as they are", language_name(found["shown"] or "?", "en"),
                language_name(wanted, "en"))

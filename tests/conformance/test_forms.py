"""The practice Chamilo's forms and links against the pages captured on a real Chamilo 1.11.32.

Adding a page = one more test calling assert_forms_match / assert_links_match (formcheck.py)."""
from __future__ import annotations

import pytest

from tests.practice.helpers import login

from .formcheck import PAGES, assert_forms_match, assert_links_match, step_dir

pytestmark = pytest.mark.skipif(not PAGES.is_dir(), reason="../shared/chamilo is absent")

# the practice course playing the captured course in each language (the capture's course was in that language)
COURSE = {"en": "DEMO101", "fr": "HIST2026"}
LANGS = ["en", "fr"]


def backup_url(base: str, code: str) -> str:
    return f"{base}/main/coursecopy/create_backup.php?cidReq={code}"


@pytest.fixture
def teacher_page(open_page, server_url):
    def make(lang: str):
        page = open_page(lang)
        login(page, server_url, "teacher")
        return page
    return make


@pytest.mark.parametrize("lang", LANGS)
def test_login_form(open_page, server_url, lang):
    assert_forms_match(open_page(lang), step_dir(lang, "01a-login"), f"{server_url}/index.php")


@pytest.mark.parametrize("lang", LANGS)
def test_maintenance_page(teacher_page, server_url, lang):
    page = teacher_page(lang)
    url = f"{server_url}/main/course_info/maintenance.php?cidReq={COURSE[lang]}"
    assert_forms_match(page, step_dir(lang, "04-maintenance_ALPHA"), url)
    assert_links_match(page, step_dir(lang, "04-maintenance_ALPHA"), None)


@pytest.mark.parametrize("lang", LANGS)
def test_create_backup_form(teacher_page, server_url, lang):
    page = teacher_page(lang)
    assert_forms_match(page, step_dir(lang, "05a-create_backup-form"), backup_url(server_url, COURSE[lang]))
    assert page.locator("form#create_backup_form").get_attribute("onsubmit").endswith("addProgress('create_backup_form')")


@pytest.mark.parametrize("lang", LANGS)
def test_create_backup_result(teacher_page, server_url, lang):
    page = teacher_page(lang)
    page.goto(backup_url(server_url, COURSE[lang]))
    with page.expect_navigation():
        page.click("button[name=submit]")
    assert_forms_match(page, step_dir(lang, "05b-create_backup-result"), None)
    assert_links_match(page, step_dir(lang, "05b-create_backup-result"), None)


@pytest.mark.parametrize("lang", LANGS)
def test_select_items_form(teacher_page, server_url, lang):
    page = teacher_page(lang)
    page.goto(backup_url(server_url, COURSE[lang]))
    page.check("input[name=backup_option][value=select_items]")
    with page.expect_navigation():
        page.click("button[name=submit]")
    assert_forms_match(page, step_dir(lang, "14a-create_backup-select_items-form"), None, structure_only=True)

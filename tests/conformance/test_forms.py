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


# --- issue 3: add_course.php (12a-12c) and copy_course.php (06a, 06b, 15a) --------------------------
# The selects of these pages are bootstrap-selects: the captured forms hold the widget's generated
# button and search box, which the practice pages only have when the front-end libraries are there.
needs_widgets = pytest.mark.skipif(not __import__("practice_server.assets", fromlist=["vendor_ready"]).vendor_ready(),
                                   reason="front-end libraries missing: python -m practice_server.assets")
ADD_COURSE = "/main/create_course/add_course.php"


def copy_url(base: str, code: str) -> str:
    return f"{base}/main/coursecopy/copy_course.php?cidReq={code}&id_session=0&gidReq=0&gradebook=0&origin="


def captured_alert(step) -> str:
    import json
    return json.loads((step / "meta.json").read_text())["alerts"][0]["text"]


def submit_add_course(page, base: str, title: str, code: str) -> None:
    page.goto(base + ADD_COURSE)
    page.fill("input[name=title]", title)
    page.click("#advanced_params")
    page.fill("input[name=wanted_code]", code)
    with page.expect_navigation():
        page.click("button[name=submit]")


@needs_widgets
@pytest.mark.parametrize("lang", LANGS)
def test_add_course_form(teacher_page, server_url, lang):
    assert_forms_match(teacher_page(lang), step_dir(lang, "12a-add_course-form"), server_url + ADD_COURSE)


@needs_widgets
@pytest.mark.parametrize("lang", LANGS)
def test_add_course_existing_code(teacher_page, server_url, practice_server, lang):
    page = teacher_page(lang)
    practice_server.state.set_lang(lang)
    submit_add_course(page, server_url, "Course Alpha duplicate", COURSE[lang])
    step = step_dir(lang, "12b-add_course-existing_code_ALPHA")
    assert_forms_match(page, step, None)
    assert page.locator(".alert-danger").inner_text().strip() == captured_alert(step)


@needs_widgets
@pytest.mark.parametrize("lang", LANGS)
def test_add_course_created(teacher_page, server_url, practice_server, lang):
    """12c: EN shows the new course's home; the FR capture met ALPHA2027 made by the EN pass, so it is
    the existing-code page again."""
    page = teacher_page(lang)
    practice_server.state.set_lang(lang)
    step = step_dir(lang, "12c-add_course-ALPHA2027")
    created = "/courses/" in __import__("json").loads((step / "meta.json").read_text())["final_url"]
    submit_add_course(page, server_url, "Course Alpha 2027", "NEW2027" if created else COURSE[lang])
    assert page.url.endswith("/courses/NEW2027/") == created
    assert_forms_match(page, step, None)


@needs_widgets
@pytest.mark.parametrize("lang", LANGS)
def test_copy_course_form(teacher_page, server_url, lang):
    page = teacher_page(lang)
    # the capture opened the page as copy_course.php?cidReq=ALPHA (its student-view link keeps that query)
    assert_forms_match(page, step_dir(lang, "06a-copy_course-form"), f"{server_url}/main/coursecopy/copy_course.php?cidReq={COURSE[lang]}")
    assert_links_match(page, step_dir(lang, "06a-copy_course-form"), None)


@pytest.mark.parametrize("lang", LANGS)
def test_copy_course_result(teacher_page, server_url, practice_server, lang):
    page = teacher_page(lang)
    practice_server.state.set_lang(lang)
    target = {"en": "HIST2026", "fr": "DEMO101"}[lang]
    page.goto(copy_url(server_url, COURSE[lang]))
    page.select_option("select[name=destination_course]", value=target, force=True)
    page.check("input[name=copy_option][value=full_copy]")
    page.check("input[name=same_file_name_option][value='1']")
    with page.expect_navigation():
        page.click("button[name=submit]")
    step = step_dir(lang, "06b-copy_course-result")
    assert_forms_match(page, step, None)
    assert page.locator(".alert-info").inner_text().strip() == captured_alert(step).replace("TARGET", target)


@pytest.mark.parametrize("lang", LANGS)
def test_copy_course_select_items_form(teacher_page, server_url, practice_server, lang):
    page = teacher_page(lang)
    practice_server.state.set_lang(lang)
    page.goto(copy_url(server_url, COURSE[lang]))
    page.select_option("select[name=destination_course]", value={"en": "HIST2026", "fr": "DEMO101"}[lang], force=True)
    page.check("input[name=same_file_name_option][value='2']")
    with page.expect_navigation():
        page.click("button[name=submit]")
    assert_forms_match(page, step_dir(lang, "15a-copy_course-select_items-form"), None, structure_only=True,
                       data_fields=("course", "destination_course"))

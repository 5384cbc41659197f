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


# --- issue 4: recycle (07a-07c, 16a, 16d), delete (21a, 21b), settings (20a, 20c), intro (19b, 19c),
# users (17a, 17b3, 17e, 18b, 18c, 18e), announcements (11a-11c, 22) ---------------------------------
ADMIN_COURSE = {"en": "DEMO101", "fr": "HIST2026"}  # courses in the capture's language
CROWDED = "HIST2026"  # 25 students, like the captured CAPA


def _admin_url(base: str, path: str, code: str, extra: str = "") -> str:
    return f"{base}{path}?cidReq={code}&id_session=0&gidReq=0&gradebook=0&origin={extra}"


def _alerts(page) -> list[str]:
    return [t.strip() for t in page.locator("#cm-content .alert").all_inner_texts() if t.strip()]


def _captured_alerts(step, code: str, real: str | None = None) -> list[str]:
    import json
    meta = json.loads((step / "meta.json").read_text())
    real = real or __import__("tests.conformance.formcheck", fromlist=["captured_code"]).captured_code(step)
    return [a["text"].replace(real, code) if real else a["text"] for a in meta["alerts"] if a["text"].strip()
            and a["text"].strip() not in ("Please stand by...", "Veuillez patienter...")]


@pytest.fixture
def admin_page(teacher_page, practice_server):
    def make(lang: str):
        practice_server.state.set_lang(lang)
        return teacher_page(lang)
    return make


def _recycle_form(page, base, code):
    page.goto(_admin_url(base, "/main/coursecopy/recycle_course.php", code))


@pytest.mark.parametrize("lang", LANGS)
def test_recycle_form_and_full_option(admin_page, server_url, lang):
    page, code = admin_page(lang), ADMIN_COURSE[lang]
    assert_forms_match(page, step_dir(lang, "07a-recycle_course-form"),
                       f"{server_url}/main/coursecopy/recycle_course.php?cidReq={code}")
    assert not page.locator("#recycle_course_course_code_confirmation").is_visible()
    page.check("input[name=recycle_option][value=full_backup]")
    assert page.locator("#recycle_course_course_code_confirmation").is_visible()
    assert_forms_match(page, step_dir(lang, "07b-recycle_course-full-confirmation"), None)


@pytest.mark.parametrize("lang", LANGS)
def test_recycle_full_result_and_wrong_code(admin_page, server_url, lang):
    page, code = admin_page(lang), ADMIN_COURSE[lang]
    _recycle_form(page, server_url, code)
    page.check("input[name=recycle_option][value=full_backup]")
    page.fill("#recycle_course_course_code_confirmation", "WRONGCODE")
    with page.expect_navigation():
        page.click("button[name=submit]")
    step = step_dir(lang, "16d-recycle_course-full-wrong_code")
    assert_forms_match(page, step, None)
    assert_links_match(page, step, None)
    assert _alerts(page) == _captured_alerts(step, code)
    _recycle_form(page, server_url, code)
    page.check("input[name=recycle_option][value=full_backup]")
    page.fill("#recycle_course_course_code_confirmation", code)
    with page.expect_navigation():
        page.click("button[name=submit]")
    step = step_dir(lang, "07c-recycle_course-result")
    assert_forms_match(page, step, None)
    assert _alerts(page) == _captured_alerts(step, code)


@pytest.mark.parametrize("lang", LANGS)
def test_recycle_select_items_form(admin_page, server_url, lang):
    page, code = admin_page(lang), ADMIN_COURSE[lang]
    _recycle_form(page, server_url, code)
    with page.expect_navigation():
        page.click("button[name=submit]")  # "Let me select" is the default
    assert_forms_match(page, step_dir(lang, "16a-recycle_course-select_items-form"), None, structure_only=True,
                       data_fields=("course",))


@pytest.mark.parametrize("lang", LANGS)
def test_delete_course_form_and_result(admin_page, server_url, lang):
    page, code = admin_page(lang), ADMIN_COURSE[lang]
    assert_forms_match(page, step_dir(lang, "21a-delete_course_CAPB-form"),
                       f"{server_url}/main/course_info/delete_course.php?cidReq={code}")
    assert_forms_match(page, step_dir(lang, "08-delete_course-confirmation_page"), None)
    page.fill("input[name=course_code]", code)
    with page.expect_navigation():
        page.click("button[name=yes]")
    step = step_dir(lang, "21b-delete_course_CAPB-result")
    assert page.url.rstrip("/") == server_url
    assert_forms_match(page, step, None)
    assert _alerts(page) == _captured_alerts(step, code, real="CAPB")


@needs_widgets
@pytest.mark.parametrize("lang", LANGS)
def test_infocours_form_and_save(admin_page, server_url, lang):
    page, code = admin_page(lang), ADMIN_COURSE[lang]
    assert_forms_match(page, step_dir(lang, "20a-infocours_CAPB"),
                       f"{server_url}/main/course_info/infocours.php?cidReq={code}", data_fields=("item_id",))
    assert page.locator("#collapse-course-settings").is_visible()
    assert not page.locator("input[name=visibility][value='1']").is_visible()
    page.click("a[href='#collapse-course-access-settings']")
    page.locator("#collapse-course-access-settings.in").wait_for()
    page.check("input[name=visibility][value='1']")
    with page.expect_navigation():
        page.locator("#collapse-course-access-settings button[name=submit_save]").click()
    step = step_dir(lang, "20c-infocours_CAPB-saved")
    assert _alerts(page) == _captured_alerts(step, code)
    assert page.locator("input[name=visibility][value='1']").is_checked()


def set_editor_data(page, name: str, html: str) -> None:
    """Put ``html`` in the CKEditor 4 instance ``name`` once it is ready (its setData is asynchronous:
    wait for its callback), or in the plain textarea when the page has no CKEditor."""
    page.wait_for_function("n => !window.CKEDITOR || (CKEDITOR.instances[n] && CKEDITOR.instances[n].status === 'ready')",
                           arg=name)
    page.evaluate("""([n, html]) => window.CKEDITOR
        ? new Promise(done => CKEDITOR.instances[n].setData(html, {callback: () => done(true)}))
        : (document.getElementById(n).value = html, true)""", [name, html])


@pytest.mark.parametrize("lang", LANGS)
def test_intro_editor_and_save(admin_page, server_url, practice_server, lang):
    page, code = admin_page(lang), ADMIN_COURSE[lang]
    page.goto(f"{server_url}/courses/{code}/index.php")
    with page.expect_navigation():
        page.locator(".toolbar-edit a[href*='intro_cmdAdd=1']").click()
    assert_forms_match(page, step_dir(lang, "19b-course_intro_edit_CAPA"), None)
    set_editor_data(page, "intro_content", "<p>Intro</p>")
    with page.expect_navigation():
        page.click("button[name=intro_cmdUpdate]")
    step = step_dir(lang, "19c-course_intro_saved_CAPA")
    assert_forms_match(page, step, None)
    assert _alerts(page)[:1] == _captured_alerts(step, code)
    assert page.locator(".toolbar-edit a[href*='intro_cmdEdit=1']").count() == 1
    assert "<p>Intro</p>" in practice_server.state.course(code)["intro"]


@pytest.mark.parametrize("lang", LANGS)
def test_user_list_pages(admin_page, server_url, lang):
    page = admin_page(lang)
    assert_forms_match(page, step_dir(lang, "17a-user_list_CAPA-students-page1"),
                       f"{server_url}/main/user/user.php?cidReq={CROWDED}&type=5")
    assert page.locator("td:has-text('1 - 20 / 25')").count() == 1
    # the pager link is double-escaped as on 1.11.32: following it shows page 1 again
    href = page.locator("a[title='next page']").first.get_attribute("href")
    assert "&amp;" in href
    with page.expect_navigation():
        page.locator("a[title='next page']").first.click()
    assert page.locator("td:has-text('1 - 20 / 25')").count() == 1
    assert_forms_match(page, step_dir(lang, "17b2-user_list_CAPA-students-page2-direct_url"),
                       f"{server_url}/main/user/user.php?cidReq={CROWDED}&type=5&student_list_page_nr=2"
                       "&student_list_per_page=20&student_list_column=3&student_list_direction=ASC")
    with page.expect_navigation():
        page.select_option("select[name=student_list_per_page]", label=page.locator(
            "select[name=student_list_per_page] option").last.inner_text())
    assert_forms_match(page, step_dir(lang, "17b3-user_list_CAPA-students-per_page_all"), None, practice_code=CROWDED,
                       data_fields=("cidReq",))  # the captured page's URL had no cidReq
    page.goto(f"{server_url}/main/user/user.php?cidReq={CROWDED}&type=5")  # the choice stays in the session
    assert page.locator("input[name='user[]']").count() == 25


@pytest.mark.parametrize("lang", LANGS)
def test_user_list_unsubscribe_two(admin_page, server_url, practice_server, lang):
    page = admin_page(lang)
    page.goto(f"{server_url}/main/user/user.php?cidReq={CROWDED}&type=5&student_list_per_page=25")
    boxes = page.locator("input[name='user[]']")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.once("dialog", lambda d: d.accept())
    page.click("#form_student_list_id .dropdown-toggle")
    with page.expect_navigation(url=lambda u: not u.endswith("#")):  # the href="#" navigation comes first
        page.click("a[data-action=unsubscribe]")
    step = step_dir(lang, "17e-user_list_CAPA-unsubscribed_2")
    assert_forms_match(page, step, None, practice_code=CROWDED, data_fields=("cidReq",))
    assert _alerts(page) == _captured_alerts(step, CROWDED)
    assert len([u for u in practice_server.state.course_users(CROWDED) if u["status"] == 5]) == 23


@pytest.mark.parametrize("lang", LANGS)
def test_subscribe_teacher_and_unsubscribe(admin_page, server_url, practice_server, lang):
    page = admin_page(lang)
    with practice_server.state.db() as con:  # the captured search was for "capteach"
        con.execute("UPDATE user SET username = 'capteach' WHERE username = 'colleague'")
    page.goto(_admin_url(server_url, "/main/user/subscribe_user.php", CROWDED, "&type=1"))
    page.fill("#search_user_keyword", "capteach")
    with page.expect_navigation():
        page.click("#search_user_submit")
    assert_forms_match(page, step_dir(lang, "18b-subscribe_user_CAPA-search_capteach"), None)
    with page.expect_navigation():
        page.click("a[href*='register=yes'][href*='type=1']")
    step = step_dir(lang, "18c-subscribe_user_CAPA-capteach_subscribed")
    assert_forms_match(page, step, None)
    colleague = practice_server.state.user_by_username("capteach")
    assert _alerts(page) == [a.replace("Cathy Capteach", "Colin Colleague")
                             .replace("Capture A", practice_server.state.course(CROWDED)["title"])
                             for a in _captured_alerts(step, CROWDED)]
    assert_forms_match(page, step_dir(lang, "18d-user_list_CAPA-teachers"), None)
    page.once("dialog", lambda d: d.accept())
    with page.expect_navigation():
        page.click(f"a[href*='unregister=yes'][href*='user_id={colleague['id']}']")
    step = step_dir(lang, "18e-user_list_CAPA-teachers-capteach_unsubscribed")
    assert_forms_match(page, step, None)
    assert _alerts(page) == _captured_alerts(step, CROWDED)


@pytest.mark.parametrize("lang", LANGS)
def test_announcement_add_preview_publish_list(admin_page, server_url, lang):
    page, code = admin_page(lang), ADMIN_COURSE[lang]
    assert_forms_match(page, step_dir(lang, "11a-announcement_add-form"),
                       _admin_url(server_url, "/main/announcements/announcements.php", code, "&action=add"))
    assert not page.locator("#announcement_submit").is_visible()
    page.fill("input[name=title]", "Fin du cours")
    set_editor_data(page, "content", "<p>Merci</p>")
    page.click("#announcement_preview")
    page.locator("#announcement_submit").wait_for(state="visible")
    assert_forms_match(page, step_dir(lang, "11b-announcement_add-preview"), None)
    with page.expect_navigation():
        page.click("#announcement_submit")
    step = step_dir(lang, "11c-announcement_add-result")
    assert_forms_match(page, step, None)
    assert _alerts(page) == _captured_alerts(step, code)
    page.locator("#announcements tr.jqgrow").first.wait_for()
    assert page.locator("#announcements tr.jqgrow td[aria-describedby=announcements_title]").first.inner_text() == "Fin du cours"
    assert_forms_match(page, step_dir(lang, "22-announcements_CAPA-list"),
                       _admin_url(server_url, "/main/announcements/announcements.php", code))
# --- end issue 4


# --- issue 14: CAS on but not forced (captures 31b, 31e; English only). No IdP is contacted here.
def test_cas_not_allowed_page_and_replaced_login_form(open_page, practice_server, server_url):
    from practice_server import CasSettings

    practice_server.state.cas = CasSettings("https://127.0.0.1:9/cas")
    assert_forms_match(open_page("en"), step_dir("en", "31b-not_allowed-cas-button"),
                       backup_url(server_url, "DEMO101"))
    practice_server.state.cas = CasSettings("https://127.0.0.1:9/cas", replace_login_form=True)
    assert_forms_match(open_page("en"), step_dir("en", "31e-login-cas-replace"), f"{server_url}/")
# --- end issue 14


# --- issue 19: the platform admin's course list and export (captures 51a, 51c; English only) ---------
@pytest.fixture
def platform_admin_page(open_page, server_url):
    page = open_page("en")
    login(page, server_url, "admin")
    return page


def test_admin_course_list(platform_admin_page, server_url):
    page = platform_admin_page
    step = step_dir("en", "51a-admin-course_list")
    assert_forms_match(page, step, f"{server_url}/main/admin/course_list.php", row_boxes=("course[]",))
    assert page.locator("li.admin a[href$='/main/admin/']").count() == 1  # the Administration tab
    assert page.locator(".data_table_pagination td").nth(1).inner_text().strip() == "1 - 3 / 3"


@needs_widgets
def test_admin_course_export_form(platform_admin_page, server_url):
    assert_forms_match(platform_admin_page, step_dir("en", "51c-admin-course_export-form"),
                       f"{server_url}/main/admin/course_export.php")


def test_admin_pages_refuse_teachers(teacher_page, server_url):
    page = teacher_page("en")
    for path in ("course_list.php", "course_export.php", "course_information.php?code=DEMO101"):
        page.goto(f"{server_url}/main/admin/{path}")
        assert page.locator(".alert-danger").count() == 1 and not page.locator("form[name=form_courses]").count()
    assert page.locator("li.admin").count() == 0
# --- end issue 19

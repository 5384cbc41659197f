"""Import backup (UI-REFERENCE §15, captures 50a-50j): the practice Chamilo's forms and answers against
the real pages, and the behaviour the robot relies on — the server-file partial failure, the two
warnings, the upload limit — without the robot (the page's own requests)."""
from __future__ import annotations

import shutil

import pytest

from practice_server import backup as practice_backup
from practice_server import coursecopy
from tests.practice.helpers import login

from .formcheck import PAGES, assert_forms_match, assert_links_match, step_dir

pytestmark = pytest.mark.skipif(not PAGES.is_dir(), reason="../shared/chamilo is absent")
COURSE = {"en": "DEMO101", "fr": "HIST2026"}


def url(base: str, code: str) -> str:
    return f"{base}/main/coursecopy/import_backup.php?cidReq={code}&id_session=0&gidReq=0&gradebook=0&origin="


@pytest.fixture
def teacher(open_page, practice_server):
    """A teacher's page, with a backup of DEMO101 on the server (the captures had one: the server list)."""
    st = practice_server.state  # documents only, and the Tests placeholder: the types of ALPHA's backup
    made = practice_backup.create_backup(st, "DEMO101", 2, "en", practice_server.url + "/",
                                         {"document": {d["iid"] for d in st.documents("DEMO101")}, "quiz": {-1}})

    def make(lang: str):
        page = open_page(lang)
        login(page, practice_server.url, "teacher", via_form=False)
        return page
    make.zip = made
    return make


def submit(page, *, zip_path=None, server=None, option="full_backup", policy="3"):
    if server:
        page.check("#bt_server")
        page.select_option("select[name=backup_server]", server)
    elif zip_path:
        page.set_input_files("input[name=backup]", str(zip_path))
    page.check(f"input[name=import_option][value={option}]")
    page.check(f"input[name=same_file_name_option][value='{policy}']")
    with page.expect_navigation():
        page.click("#import_backup_form_submit")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_form_and_a_full_import(teacher, practice_server, tmp_path, lang):
    page = teacher(lang)
    code = COURSE[lang]
    assert_forms_match(page, step_dir(lang, "50a-import_backup-form"), url(practice_server.url, code))
    local = shutil.copy(teacher.zip, tmp_path / "b.zip")
    submit(page, zip_path=local, policy="2")
    assert_forms_match(page, step_dir(lang, "50b-import_backup-full-result"), None)
    assert_links_match(page, step_dir(lang, "50b-import_backup-full-result"), None)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_two_refusals(teacher, practice_server, tmp_path, lang):
    page = teacher(lang)
    code = COURSE[lang]
    before = practice_server.state.course_files(code)
    bad = tmp_path / "not_a_zip.zip"
    bad.write_text("a text file")
    page.goto(url(practice_server.url, code))
    submit(page, zip_path=bad, policy="2")
    assert_links_match(page, step_dir(lang, "50g-import_backup-not_a_zip-result"), None)
    assert page.locator(".alert-warning").count() == 1
    page.goto(url(practice_server.url, code))
    submit(page)  # no file chosen
    assert_links_match(page, step_dir(lang, "50h-import_backup-no_file-result"), None)
    assert page.locator(".alert-danger").count() == 1
    assert practice_server.state.course_files(code) == before


def test_partial_import_works_from_an_upload_not_from_a_server_file(teacher, practice_server, tmp_path):
    st = practice_server.state
    coursecopy.create_course(st, code="TARGET", title="Target", language="english", category=None, teacher_id=2)
    page = teacher("en")
    page.goto(url(practice_server.url, "TARGET"))
    submit(page, server=teacher.zip.name, option="select_items", policy="2")
    assert_forms_match(page, step_dir("en", "50e-import_backup-select_items-form"), None, structure_only=True,
                       data_fields=("course",))
    page.click("div.item-backup[onclick*=\"exp('document')\"]")
    for box in page.locator("input[name^='resource[document]']").all():
        box.check()
    with page.expect_navigation():
        page.click("form[name=course_select_form] button[type=submit]")
    assert "There are no resources in backup file" in page.locator(".alert-warning").inner_text()
    assert st.course_files("TARGET") == {}  # nothing imported (50f)
    page.goto(url(practice_server.url, "TARGET"))
    submit(page, zip_path=shutil.copy(teacher.zip, tmp_path / "b.zip"), option="select_items", policy="2")
    page.click("div.item-backup[onclick*=\"exp('document')\"]")
    for box in page.locator("input[name^='resource[document]']").all():
        box.check()
    with page.expect_navigation():
        page.click("form[name=course_select_form] button[type=submit]")
    assert page.locator(".alert-info").inner_text().strip() == "Import finished"  # 50j
    assert st.course_files("TARGET") == st.course_files("DEMO101")
    assert st.links("TARGET") == []  # only the documents were ticked


def test_a_post_over_the_limit_gets_the_form_back_with_no_message(teacher, practice_server, tmp_path):
    st = practice_server.state
    local = shutil.copy(teacher.zip, tmp_path / "b.zip")
    st.settings["post_max_size"] = "1000"  # PHP drops the body; MAX_FILE_SIZE (upload_max_filesize) still says 100 MiB
    page = teacher("en")
    page.goto(url(practice_server.url, "HIST2026"))
    before = st.course_files("HIST2026")
    submit(page, zip_path=local)
    assert page.locator("form[name=import_backup_form]").count() == 1
    assert page.locator(".alert").count() == 0  # 50k: no message at all
    assert st.course_files("HIST2026") == before
    # a body PHP takes, but a file over upload_max_filesize (the form's MAX_FILE_SIZE): the file is
    # dropped ($_FILES error 1/2) and the page answers as for no file at all (HIST2026 is French, §15.4)
    st.settings["post_max_size"] = str(100 * 1024 * 1024)
    st.settings["upload_max_filesize"] = str(local.stat().st_size - 1)
    page.goto(url(practice_server.url, "HIST2026"))
    submit(page, zip_path=local)
    assert page.locator("#cm-content .alert-danger").inner_text().strip() == "Sélectionnez un fichier de sauvegarde"
    assert st.course_files("HIST2026") == before

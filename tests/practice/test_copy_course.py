"""copy_course.php of the practice Chamilo: Chamilo's copy semantics (skip / rename / overwrite),
the select-items path, tokens and targets (captured 06a, 06b, 15a-15c)."""
from __future__ import annotations

import pytest

from practice_server import seed

from .helpers import login

COPY = "/main/coursecopy/copy_course.php"
SHARED = ("notes.txt", "Semaine-1/cours.pdf")  # in DEMO101 and HIST2026, with different bytes


def seeded(code: str, path: str) -> bytes:
    course = next(c for c in seed.COURSES if c.code == code)
    doc = next(d for d in course.docs if d.path == "/" + path)
    return seed.doc_bytes(code, doc)


def open_copy(page, base: str, code: str = "DEMO101") -> None:
    page.goto(f"{base}{COPY}?cidReq={code}&id_session=0&gidReq=0&gradebook=0&origin=")


def copy(page, base: str, target: str, option: str, *, source: str = "DEMO101", copy_option: str = "full_copy") -> None:
    open_copy(page, base, source)
    page.select_option("select[name=destination_course]", value=target, force=True)
    page.check(f"input[name=copy_option][value={copy_option}]")
    page.check(f"input[name=same_file_name_option][value='{option}']")
    with page.expect_navigation():
        page.click("button[name=submit]")


@pytest.fixture
def teacher(open_page, server_url):
    page = open_page("en")
    login(page, server_url, "teacher")
    return page


def test_form_lists_only_courses_the_user_teaches_with_the_captured_defaults(teacher, server_url):
    open_copy(teacher, server_url)
    options = teacher.locator("select[name=destination_course] option")
    assert [(o.get_attribute("value"), o.inner_text()) for o in options.all()] == [("HIST2026", "Histoire 2026 (HIST2026)")]
    assert teacher.is_checked("input[name=copy_option][value=select_items]")
    assert teacher.is_checked("input[name=same_file_name_option][value='3']")
    assert teacher.locator("button[data-id=copy_course_destination_course]").count() == 1  # the bootstrap-select


def test_skip_keeps_the_targets_files(teacher, server_url, practice_server):
    copy(teacher, server_url, "HIST2026", "1")
    assert teacher.locator(".alert-info").inner_text().strip() == "Copying is finished: HIST2026"
    files = practice_server.state.course_files("HIST2026")
    for path in SHARED:
        assert files[path] == seeded("HIST2026", path)
    assert files["Semaine-1/Annexes/annexe-A.pdf"] == seeded("DEMO101", "Semaine-1/Annexes/annexe-A.pdf")
    assert not [p for p in files if "_1" in p]


def test_rename_adds_name_1_then_name_2_keeping_the_title(teacher, server_url, practice_server):
    st = practice_server.state
    copy(teacher, server_url, "HIST2026", "2")
    copy(teacher, server_url, "HIST2026", "2")
    files = st.course_files("HIST2026")
    for path in SHARED:
        stem, ext = path.rsplit(".", 1)
        assert files[path] == seeded("HIST2026", path)
        assert files[f"{stem}_1.{ext}"] == files[f"{stem}_2.{ext}"] == seeded("DEMO101", path)
    titles = {d["path"]: d["title"] for d in st.documents("HIST2026")}
    assert titles["/Semaine-1/cours_1.pdf"] == titles["/Semaine-1/cours_2.pdf"] == "cours.pdf"
    assert titles["/Resume-ete_1.pdf"] == "Résumé été.pdf"  # copied the first time, renamed the second
    assert len(st.links("HIST2026")) == 1 + 2 * 2  # links, announcements, descriptions: added every time
    assert len(st.announcements("HIST2026")) == 1 + 2 * 2
    assert len(st.course_descriptions("HIST2026")) == 1 + 2


def test_overwrite_gives_the_target_the_sources_bytes(teacher, server_url, practice_server):
    copy(teacher, server_url, "HIST2026", "3")
    files = practice_server.state.course_files("HIST2026")
    for path in SHARED:
        assert files[path] == seeded("DEMO101", path)
    assert files["Revolution-francaise.pdf"] == seeded("HIST2026", "Revolution-francaise.pdf")
    assert not [p for p in files if "_1" in p]


def test_select_items_form_then_only_the_ticked_items(teacher, server_url, practice_server):
    st = practice_server.state
    copy(teacher, server_url, "HIST2026", "2", copy_option="select_items")
    assert teacher.locator("h3").inner_text().strip() == "Target course : Histoire 2026 (HIST2026)"
    hidden = teacher.locator("form[name=course_select_form] input[type=hidden]")
    assert [h.get_attribute("name") for h in hidden.all()] == ["action", "course", "same_file_name_option",
                                                               "destination_course", "sec_token"]
    assert teacher.locator("input[name=same_file_name_option]").get_attribute("value") == "2"
    assert not teacher.locator("#div_document").is_visible()  # sections start collapsed
    teacher.click("div.item-backup[onclick*=\"exp('link')\"]")
    teacher.click("#div_link a.btn:first-child")  # "All" links
    teacher.click("div.item-backup[onclick*=\"exp('quiz')\"]")
    teacher.check("input[name='resource[quiz][-1]']")
    dialogs = []
    teacher.once("dialog", lambda d: (dialogs.append(d.message), d.accept()))
    with teacher.expect_navigation():
        teacher.click("form[name=course_select_form] button[type=submit]")
    assert dialogs == ["Documents will be added too"]
    assert teacher.locator(".alert-info").inner_text().strip() == "Copying is finished: HIST2026"
    assert len(st.links("HIST2026")) == 3 and len(st.announcements("HIST2026")) == 1
    assert "notes_1.txt" not in st.course_files("HIST2026")


def test_wrong_token_or_a_target_not_taught_copies_nothing(teacher, server_url, practice_server):
    st = practice_server.state
    before = st.course_files("HIST2026"), st.course_files("ADMIN1")
    st.faults.add("POST", COPY, "token_mismatch")
    copy(teacher, server_url, "HIST2026", "2")
    assert teacher.locator("form[name=copy_course]").count() == 1  # silently the form again
    open_copy(teacher, server_url)
    token = teacher.locator("input[name=sec_token]").get_attribute("value")
    response = teacher.request.post(f"{server_url}{COPY}?cidReq=DEMO101", form={
        "destination_course": "ADMIN1", "copy_option": "full_copy", "same_file_name_option": "2", "sec_token": token})
    assert response.status == 200 and "Copying is finished" not in response.text()
    assert (st.course_files("HIST2026"), st.course_files("ADMIN1")) == before


def test_no_other_course_to_copy_to(open_page, server_url):
    page = open_page("en")
    login(page, server_url, "admin")  # teaches ADMIN1 only
    open_copy(page, server_url, "ADMIN1")
    assert page.locator("form[name=copy_course]").count() == 0
    assert page.locator(".alert-info").inner_text().strip() == "No destination course available"

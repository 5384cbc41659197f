"""add_course.php of the practice Chamilo, driven by a real browser (captured 12a-12d)."""
from __future__ import annotations

from .helpers import login

ADD = "/main/create_course/add_course.php"


def fill_and_submit(page, title: str, code: str, language: str | None = None, category: str | None = None) -> None:
    page.fill("input[name=title]", title)
    page.click("#advanced_params")
    page.fill("input[name=wanted_code]", code)
    if language:
        page.select_option("select[name=course_language]", value=language, force=True)
    if category:
        page.select_option("select[name=category_code]", value=category, force=True)
    with page.expect_navigation():
        page.click("button[name=submit]")


def test_teacher_creates_a_course_from_my_courses(open_page, server_url, practice_server):
    st = practice_server.state
    page = open_page("en")
    login(page, server_url, "teacher")
    page.click("a[href$='main/create_course/add_course.php']")
    assert page.locator("legend").inner_text().strip() == "Add a new course"
    assert page.locator(".alert-info").inner_text().startswith('Once you click on &quot;Create a course&quot;')
    assert not page.locator("input[name=wanted_code]").is_visible()
    assert page.locator("input[name=wanted_code]").get_attribute("pattern") == "[a-zA-Z0-9]+"
    assert page.locator("select[name=course_language]").input_value() == "english"  # the user's language
    fill_and_submit(page, "Maths 2027", "maths2027", language="french", category="LANG")
    assert page.url == f"{server_url}/courses/MATHS2027/"
    assert page.locator(".course-tools-administration a[href*='course_info/maintenance.php']").count() >= 1
    course = st.course("MATHS2027")
    assert (course["title"], course["language"], course["category_code"]) == ("Maths 2027", "french", "LANG")
    assert [(u["username"], u["status"]) for u in st.course_users("MATHS2027")] == [("teacher", 1)]
    assert [(d["path"], d["filetype"]) for d in st.documents("MATHS2027")] == [("/certificates", "folder")]
    assert st.course_files("MATHS2027") == {}
    assert [r for r in st.requests if r[:2] == ("POST", ADD)] == [("POST", ADD, 302)]


def test_existing_code_brings_the_form_back_with_the_error(open_page, server_url, practice_server):
    st = practice_server.state
    before = st.course_codes()
    page = open_page("fr")
    st.set_lang("fr")
    login(page, server_url, "teacher")
    page.goto(server_url + ADD)
    fill_and_submit(page, "Histoire bis", "HIST2026")
    assert page.url == server_url + ADD
    assert page.locator(".alert-danger").inner_text().strip() == \
        "Désolé, mais ce code de cours existe déjà. Veuillez en choisir un autre."
    assert page.locator("input[name=title]").input_value() == "Histoire bis"
    assert st.course_codes() == before


def test_empty_code_is_made_from_the_title(open_page, server_url, practice_server):
    page = open_page("en")
    login(page, server_url, "teacher")
    page.goto(server_url + ADD)
    page.fill("input[name=title]", "Art & Craft 2")
    with page.expect_navigation():
        page.click("button[name=submit]")
    assert page.url == f"{server_url}/courses/ARTCRAFT2/"


def test_student_gets_the_not_allowed_page_and_no_link(open_page, server_url, practice_server):
    st = practice_server.state
    page = open_page("en")
    login(page, server_url, "student")
    assert page.locator("a[href*='create_course/add_course.php']").count() == 0
    page.goto(server_url + ADD)
    assert page.locator("form[name=add_course]").count() == 0
    assert page.locator(".alert-danger").inner_text().startswith("Sorry, you are not allowed to access this page")
    response = page.request.post(server_url + ADD, form={"title": "Sneaky", "wanted_code": "SNEAKY"})
    assert response.status == 200 and st.course("SNEAKY") is None


def test_course_validation_turns_the_form_into_a_request(open_page, server_url, practice_server):
    st = practice_server.state
    st.settings["course_validation"] = "true"
    page = open_page("en")
    login(page, server_url, "teacher")
    page.goto(server_url + ADD)
    assert page.locator("legend").inner_text().strip() == "Create a course request"
    assert page.locator("button[name=submit]").inner_text().strip() == "Create this course request"
    for name in ("description", "objetives", "target_audience"):
        assert page.locator(f"form[name=add_course] textarea[name={name}]").count() == 1
    fill_and_submit(page, "Requested", "REQ2027")
    assert st.course("REQ2027") is None  # a request creates no course
    admin = open_page("en", fresh=True)
    login(admin, server_url, "admin")
    admin.goto(server_url + ADD)
    assert admin.locator("textarea[name=objetives]").count() == 0  # admins still create directly

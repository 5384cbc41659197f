"""Chamilo's own error pages as faults (UI-REFERENCE §14), the maintenance plugin's redirect, the
fault spec syntax, and how pages end (the robot tells a cut page by its missing footer)."""
from __future__ import annotations

import html as htmllib
import re

import pytest

from practice_server.faults import FaultPlan

from .raw_http import RawClient

DB_ALERT = ("This portal is currently experiencing database issues. Please report this to the portal administrator. "
            "Thank you for your help.")
BACKUP = "/main/coursecopy/create_backup.php"
FOOTER = '<footer class="footer">'


@pytest.fixture
def teacher(server_url) -> RawClient:
    return RawClient(server_url).login("teacher")


def test_spec_syntax_of_the_new_kinds_and_matchers():
    plan = FaultPlan.parse("GET /main/user/user.php act_then_status code=502 query=unregister=yes times=2")
    assert (plan.kind, plan.params, plan.query, plan.form, plan.times) == (
        "act_then_status", {"code": 502}, "unregister=yes", None, 2)
    plan = FaultPlan.parse("POST /main/coursecopy/copy_course.php act_then_cut form=copy_option=full_copy skip=1")
    assert (plan.form, plan.skip, plan.params) == ("copy_option=full_copy", 1, {})
    assert str(plan) == "POST /main/coursecopy/copy_course.php act_then_cut form=copy_option=full_copy times=1 skip=1"
    plan = FaultPlan.parse("* * db_down times=1000")
    assert (plan.method, plan.path) == ("*", "*") and plan.matches("POST", "/index.php")
    assert FaultPlan.parse("GET / act_then_timeout seconds=40").params == {"seconds": 40}
    for kind in ("php_fatal", "not_allowed", "maintenance"):
        assert FaultPlan.parse(f"* * {kind}").kind == kind
    for bad in ["GET /x act_then_status", "GET /x act_then_status code=302", "GET /x act_then_timeout",
                "GET /x call fn=print", "GET x db_down", "GET /x blank query=", "GET /x act_then_cut seconds=1"]:
        with pytest.raises(ValueError):
            FaultPlan.parse(bad)


def test_query_and_form_matchers():
    plan = FaultPlan("GET", "/main/user/user.php", "act_then_cut", query="unregister=yes")
    assert plan.matches("GET", "/main/user/user.php", "cidReq=A&unregister=yes&user_id=3")
    assert not plan.matches("GET", "/main/user/user.php", "cidReq=A&type=5")
    plan = FaultPlan("POST", "/c.php", "act_then_cut", form="copy_option=full_copy")
    assert plan.matches("POST", "/c.php", "", {"copy_option": "full_copy"})
    assert not plan.matches("POST", "/c.php", "", {"copy_option": "select_items"})
    assert not plan.matches("POST", "/c.php", "", {})
    assert FaultPlan("POST", "*", "blank", form="action").matches("POST", "/x.php", "", lambda: {"action": "x"})
    assert not FaultPlan("*", "*", "maintenance").matches("GET", "/maintenance.html")


def test_db_down_is_the_same_page_everywhere_without_php_headers(teacher, server_url, practice_server):
    st = practice_server.state
    st.faults.add("*", "*", "db_down", times=100)
    french = RawClient(server_url)
    answers = [teacher.get("/index.php"), teacher.get("/main/course_info/maintenance.php?cidReq=DEMO101"),
               teacher.post("/index.php", {"login": "teacher", "password": "teacher"}),
               french.request("GET", "/user_portal.php?language=french")]
    for answer in answers:
        assert answer.status == 200 and answer.body == answers[0].body
        for header in ("X-Powered-By", "Set-Cookie", "Cache-Control", "Expires", "Pragma"):
            assert header not in answer.headers
        assert answer.headers["Content-Type"] == "text/html; charset=UTF-8"
    page = answers[0].text
    assert "<title>Database is unavailable</title>" in page and "<html>" in page
    alert = re.search(r'<div class="alert alert-danger" role="alert">(.*?)</div>', page, re.S)
    assert alert and alert.group(1).strip() == DB_ALERT
    assert "<form" not in page and "breadcrumb" not in page and "cm-content" not in page
    st.faults.clear()
    assert teacher.get("/user_portal.php").status == 200  # the session survived the outage
    assert "formLogin" not in teacher.get("/user_portal.php").text


def test_db_down_in_chromium(open_page, server_url, practice_server):
    practice_server.state.faults.add("*", "*", "db_down", times=100)
    page = open_page("fr")
    response = page.goto(f"{server_url}/index.php")
    assert response.status == 200 and page.title() == "Database is unavailable"
    alert = page.locator("#page-error #content-error .alert.alert-danger[role=alert]")
    assert alert.count() == 1 and alert.inner_text().strip() == DB_ALERT
    assert page.locator("a[href='#']").inner_text() == "Homepage"


def test_php_fatal_on_create_backup_cuts_the_page_and_makes_no_zip(teacher, practice_server):
    st = practice_server.state
    url = f"{BACKUP}?cidReq=DEMO101&id_session=0&gidReq=0&gradebook=0&origin="
    st.faults.add("POST", BACKUP, "php_fatal")
    answer = teacher.post(url, {"backup_option": "full_backup", "submit": "", "_qf__create_backup_form": "",
                                "sec_token": teacher.get(url).token()})
    assert answer.status == 200 and answer.headers["X-Powered-By"] == "Chamilo 1"
    assert answer.text.endswith('<h2 class="page-header">Create a backup</h2>')
    assert FOOTER not in answer.text and "</html>" not in answer.text and "alert" not in answer.text.split("<h2")[1]
    assert st.backups() == []
    again = teacher.post(url, {"backup_option": "full_backup", "submit": "", "_qf__create_backup_form": "",
                               "sec_token": teacher.get(url).token()})
    assert "download.php?archive=" in again.text and len(st.backups()) == 1


def test_php_fatal_after_a_redirecting_handler_gives_the_cut_shell(teacher, practice_server):
    """The handler ran (the course exists); the answer is the page shell cut where the content starts."""
    st = practice_server.state
    st.faults.add("POST", "/main/create_course/add_course.php", "php_fatal")
    answer = teacher.post("/main/create_course/add_course.php", {"title": "Fatal course", "wanted_code": "FATAL1",
                                                                 "course_language": "english"})
    assert answer.status == 200 and FOOTER not in answer.text and "</html>" not in answer.text
    assert answer.text.rstrip().endswith('<div class="container">') and st.course("FATAL1") is not None


def test_not_allowed_fault_answers_and_does_nothing(teacher, practice_server):
    st = practice_server.state
    for code, text, button in [("DEMO101", "Sorry, you are not allowed to access this page", "Go back"),
                               ("HIST2026", "Désolé, vous n'êtes pas autorisé à accéder à cette page", "Retour")]:
        st.faults.add("GET", "/main/course_info/maintenance.php", "not_allowed")
        answer = teacher.get(f"/main/course_info/maintenance.php?cidReq={code}")
        page = htmllib.unescape(answer.text)
        assert answer.status == 200 and answer.headers["X-Powered-By"] == "Chamilo 1"
        assert re.search(r'<div class="alert alert-danger">' + re.escape(text), page)
        assert re.search(r'<a onclick="goBack\(\);" class="btn btn-default" href="[^"]+">' + button + "</a>", page)
        assert "formLogin" not in page and FOOTER in page
    st.faults.add("POST", "/main/course_info/infocours.php", "not_allowed")
    answer = teacher.post("/main/course_info/infocours.php?cidReq=HIST2026", {"title": "x", "visibility": "0"})
    assert answer.status == 200 and "goBack" in answer.text and st.course("HIST2026")["visibility"] != 0


def test_maintenance_redirects_everything_to_the_static_notice(teacher, practice_server):
    st = practice_server.state
    fault = st.faults.add("*", "*", "maintenance", times=100)
    for answer in (teacher.get("/index.php"), teacher.get("/main/course_info/maintenance.php?cidReq=DEMO101"),
                   teacher.post("/main/course_info/infocours.php?cidReq=HIST2026", {"visibility": "0"})):
        assert answer.status == 302 and answer.headers["Location"].endswith("/maintenance.html")
        assert "X-Powered-By" not in answer.headers and "Set-Cookie" not in answer.headers
    notice = teacher.get("/maintenance.html")
    assert notice.status == 200 and "X-Powered-By" not in notice.headers and "maintenance" in notice.text
    assert fault.fired == 3 and st.course("HIST2026")["visibility"] != 0


PAGES = ["/index.php", "/user_portal.php", "/courses/DEMO101/index.php", "/main/course_info/maintenance.php?cidReq=DEMO101",
         f"{BACKUP}?cidReq=DEMO101", "/main/coursecopy/copy_course.php?cidReq=DEMO101",
         "/main/coursecopy/recycle_course.php?cidReq=DEMO101", "/main/course_info/delete_course.php?cidReq=DEMO101",
         "/main/course_info/infocours.php?cidReq=DEMO101", "/main/course_home/course_home.php?cidReq=DEMO101&intro_cmdAdd=1",
         "/main/user/user.php?cidReq=DEMO101", "/main/user/subscribe_user.php?cidReq=DEMO101&type=1",
         "/main/announcements/announcements.php?cidReq=DEMO101", "/main/announcements/announcements.php?action=add&cidReq=DEMO101",
         "/main/create_course/add_course.php", "/main/document/document.php?cidReq=DEMO101"]


def test_every_page_ends_like_a_real_one(teacher):
    """footer.footer and a closing </html>, as every captured 1.11.32 page (the robot's sign of a
    page cut by a PHP fatal error is their absence)."""
    for path in PAGES:
        answer = teacher.get(path)
        assert answer.status == 200, path
        assert FOOTER in answer.text and answer.text.rstrip().endswith("</html>"), path

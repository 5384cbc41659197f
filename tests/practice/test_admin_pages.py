"""Issue 19: the platform admin's course pages of the practice Chamilo through Flask's test client (no
browser): the course list's paging, sorting and keyword, the CSV export byte for byte as 51d's, the
admin's access to every course (and leaving one), and the refusals for anyone else."""
from __future__ import annotations

import csv
import io
import re

import pytest

from practice_server.pages.admin_courses import php_csv_field

from ..conformance.formcheck import PAGES

CAPTURED_EXPORT = PAGES / "en" / "51d-admin-course_export-csv" / "export.csv"
EXPORT_FORM = {"select_type": "1", "file_type": "csv", "include_users": "1", "formSent": "1", "_qf__export": "",
               "submit": ""}


def codes(html: str) -> list[str]:
    return re.findall(r'name="course\[\]" value="([^"]+)"', html)


def pager(html: str) -> str:
    return re.search(r"(\d+ - \d+ / \d+)", html).group(1)


@pytest.mark.skipif(not CAPTURED_EXPORT.is_file(), reason="../shared/chamilo is absent")
def test_fields_are_quoted_as_the_captured_export():
    raw = CAPTURED_EXPORT.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw[3:].decode("utf-8").split("\n")
    assert lines[-1] == ""
    for line in lines[:-1]:
        fields = next(csv.reader([line], delimiter=";"))
        assert ";".join(php_csv_field(f) for f in fields) == line


def test_course_list_pages_sorts_and_searches(client, practice_server):
    c, st = client("admin"), practice_server.state
    for i in range(1, 24):  # 3 seeded + 23 = 26 courses: two pages of 20
        with st.db() as con:
            con.execute("INSERT INTO course (code, title, language, directory) VALUES (?,?,?,?)",
                        (f"EXTRA{i:02d}", f"Extra {i:02d}", "french", f"EXTRA{i:02d}"))
    first = c.get("/main/admin/course_list.php").get_data(as_text=True)
    assert pager(first) == "1 - 20 / 26" and len(codes(first)) == 20 and codes(first) == sorted(codes(first))
    assert 'name="courses_per_page"' in first  # more than one page: the per-page select
    second = c.get("/main/admin/course_list.php?courses_page_nr=2").get_data(as_text=True)
    assert pager(second) == "21 - 26 / 26" and set(codes(first)) | set(codes(second)) == set(st.course_codes())
    everything = c.get("/main/admin/course_list.php?courses_per_page=1000&courses_page_nr=1").get_data(as_text=True)
    assert len(codes(everything)) == 26
    by_title_desc = c.get("/main/admin/course_list.php?courses_column=1&courses_direction=DESC&courses_per_page=1000")
    titles = [st.course(code)["title"].lower() for code in codes(by_title_desc.get_data(as_text=True))]
    assert titles == sorted(titles, reverse=True)
    found = c.get("/main/admin/course_list.php?keyword=extra 1&courses_per_page=5&courses_page_nr=2").get_data(as_text=True)
    assert pager(found) == "6 - 10 / 10" and codes(found) == [f"EXTRA{i}" for i in range(15, 20)]
    assert 'keyword=extra+1' in re.search(r'name="form_courses"[^>]*action="([^"]+)"', found).group(1)
    by_code = c.get("/main/admin/course_list.php?keyword=demo").get_data(as_text=True)
    assert codes(by_code) == ["DEMO101"]
    info = c.get("/main/admin/course_information.php?code=HIST2026").get_data(as_text=True)
    assert "Course usage" in info and "1 - 20 / 26" in info  # the teacher and 25 learners, 20 a page


def test_export_is_the_site_in_51d_form(client, practice_server):
    c, st = client("admin"), practice_server.state
    with st.db() as con:
        con.execute("UPDATE course SET category_code = 'LANG', visibility = 1 WHERE code = 'HIST2026'")
    answer = c.post("/main/admin/course_export.php", data=EXPORT_FORM)
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    assert re.fullmatch(r"attachment; filename=export_courses_list_\d{4}-\d\d-\d\d-\d{6}\.csv",
                        answer.headers["Content-Disposition"])
    raw = answer.get_data()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    text = raw[3:].decode("utf-8")
    assert text.split("\n")[0] == CAPTURED_HEADER
    rows = {r["Code"]: r for r in csv.DictReader(io.StringIO(text), delimiter=";")}
    assert sorted(rows) == sorted(st.course_codes())
    hist = rows["HIST2026"]
    assert (hist["Title"], hist["CourseCategory"], hist["CourseCategoryName"], hist["Language"], hist["Visibility"]) == \
        ("Histoire 2026", "LANG", "Language skills", "french", "1")
    assert hist["Users"].split("|") == [u["username"] for u in sorted(st.course_users("HIST2026"), key=lambda u: u["id"])
                                        if u["status"] == 5]
    assert hist["OtherTeachers"] == "teacher" and hist["Teacher"] == ""
    assert '"Demo course 101"' in text and rows["ADMIN1"]["OtherTeachers"] == "admin"
    chosen = c.post("/main/admin/course_export.php", data={**EXPORT_FORM, "select_type": "2", "course_code[]": ["DEMO101"]})
    assert chosen.get_data()[3:].decode().splitlines()[1:] == ["DEMO101;\"Demo course 101\";;;;english;2;student;teacher"]


CAPTURED_HEADER = "Code;Title;CourseCategory;CourseCategoryName;Teacher;Language;Visibility;Users;OtherTeachers"


def test_admin_opens_every_course_and_may_leave_one(client, practice_server):
    c, st = client("admin"), practice_server.state
    assert "course-tools-administration" in c.get("/courses/DEMO101/index.php").get_data(as_text=True)
    teachers = c.get("/main/user/user.php?cidReq=ADMIN1&type=1").get_data(as_text=True)
    assert "unregister=yes" in teachers and 'class="admin"' in teachers  # own row: Unsubscribe, for an admin
    c.get("/main/user/user.php?cidReq=ADMIN1&type=1&unregister=yes&user_id=1")
    assert st.course_teachers("ADMIN1") == []
    teacher = client("teacher")
    own = teacher.get("/main/user/user.php?cidReq=DEMO101&type=1").get_data(as_text=True)
    assert "unregister=yes" not in own and 'class="admin"' not in own  # a teacher's own row: no button
    teacher.get("/main/user/user.php?cidReq=DEMO101&type=1&unregister=yes&user_id=2")
    assert [u["username"] for u in st.course_teachers("DEMO101")] == ["teacher"]
    for path in ("/main/admin/", "/main/admin/course_list.php", "/main/admin/course_information.php?code=DEMO101"):
        assert "alert-danger" in teacher.get(path).get_data(as_text=True)
    refused = teacher.post("/main/admin/course_export.php", data=EXPORT_FORM)
    assert refused.mimetype == "text/html" and "alert-danger" in refused.get_data(as_text=True)

"""Issue 19 without a browser: reading the admin's course export (the captured 51d file), the
filters, the plan `robot courses --plan` writes (read back by the campaign's checker), the plan
check's "did you mean", and the per-teacher views of a report."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from flows import course_list
from flows.knowledge import chamilo_1_11 as k
from robot.campaign import teachers
from robot.campaign.plan import read_plan
from robot.campaign.plan_file import check_commands, required_columns, write_plan
from robot.commands.run.campaign import unknown_course
from robot.commands.run.courses import table
from robot.errors import UsageError, VerificationError

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "chamilo"
EXPORT = SHARED / "pages" / "en" / "51d-admin-course_export-csv" / "export.csv"


@pytest.mark.skipif(not EXPORT.is_file(), reason="../shared/chamilo is absent")
def test_the_captured_export_reads_as_courses():
    courses = {c.code: c for c in course_list.parse_export(EXPORT.read_bytes(), k)}
    assert sorted(courses) == ["ALPHA", "ALPHA2027", "BETA", "BIG", "DELTA", "EPSILON", "GAMMA", "TARGET"]
    assert courses["BETA"].learners == 61 and courses["BETA"].teachers == ["teacher1"]
    assert courses["TARGET"].teachers == ["teacher1", "teacher3"] and courses["TARGET"].learners == 0
    assert courses["ALPHA2027"].title == "Alpha 2027"  # the quoted field
    assert (courses["EPSILON"].language, courses["EPSILON"].visibility, courses["EPSILON"].category) == \
        ("french_unige", "platform", "")


def test_what_is_not_an_export_is_refused():
    with pytest.raises(VerificationError, match="not the list"):
        course_list.parse_export(b"<!DOCTYPE html><html><body>Not allowed</body></html>", k)
    header = "Code;Title;CourseCategory;CourseCategoryName;Teacher;Language;Visibility;Users;OtherTeachers\n"
    with pytest.raises(VerificationError, match="line 3"):
        course_list.parse_export((header + "A;A;;;;english;2;;t\nB;B;;;\n").encode(), k)
    assert [c.visibility for c in course_list.parse_export((header + "A;A;;;;english;4;;\n").encode(), k)] == ["hidden"]


def test_an_export_without_visibility_still_lists_the_courses():
    """course_export.php before 1.11.32 writes no Visibility column: the courses are read all the same."""
    header = "Code;Title;CourseCategory;CourseCategoryName;Teacher;Language;Users;OtherTeachers\n"
    (course,) = course_list.parse_export((header + "A;Alpha;SCI;Sciences;;french;s1|s2;t1|t2\n").encode(), k)
    assert (course.code, course.title, course.category, course.language, course.visibility, course.teachers,
            course.learners) == ("A", "Alpha", "SCI", "french", "", ["t1", "t2"], 2)


def _courses() -> list[course_list.CourseInfo]:
    return [course_list.CourseInfo("MATHS", "Mathématiques", "french", "SCI", "private", ["jdoe", "amartin"], 30),
            course_list.CourseInfo("HIST", "Histoire moderne", "french", "LET", "platform", ["bdupont"], 12),
            course_list.CourseInfo("PHYS2026", "Physics", "english", "SCI", "platform", ["JDoe"], 0)]


def test_filters_combine_and_ignore_case():
    select = course_list.select
    assert [c.code for c in select(_courses(), search="his")] == ["HIST"]  # code or title, any case
    assert [c.code for c in select(_courses(), search="math")] == ["MATHS"]
    assert [c.code for c in select(_courses(), teacher="jdoe")] == ["MATHS", "PHYS2026"]
    assert [c.code for c in select(_courses(), category="sci", teacher="amartin")] == ["MATHS"]
    assert select(_courses(), search="2026", category="LET") == []
    lines = table([c.as_dict() for c in _courses()])
    assert lines[0].split() == ["code", "title", "language", "category", "visibility", "teachers", "learners"]
    assert "jdoe amartin" in lines[2] and lines[2].endswith("30")


def test_a_written_plan_reads_back_and_keeps_the_teachers(tmp_path):
    assert check_commands("backup+archive") == ["backup", "archive"]
    with pytest.raises(UsageError, match="unknown command"):
        check_commands("backup+archiv")
    assert required_columns(["backup", "rollover", "announce"]) == ["year", "title", "message"]
    courses = [c.as_dict() for c in _courses()] + [{"code": "EVIL", "title": "=HYPERLINK(\"x\")", "teachers": ["x"]}]
    path = tmp_path / "plan.csv"
    assert write_plan(path, courses, ["backup", "archive"]) == 4
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["code", "do", "teachers", "course_title"]
    assert rows[1] == ["MATHS", "backup+archive", "jdoe amartin", "Mathématiques"]
    assert rows[4][3].startswith("'=")  # read as text by a spreadsheet
    plan = read_plan(path)
    assert plan.errors == [] and [c.code for c in plan.courses] == ["MATHS", "HIST", "PHYS2026", "EVIL"]
    assert plan.courses[0].teachers == ["jdoe", "amartin"]
    assert [cmd.name for cmd in plan.courses[0].commands] == ["backup", "archive"]
    with pytest.raises(UsageError, match="exists"):
        write_plan(path, courses, ["backup"])
    needs_year = tmp_path / "rollover.csv"
    write_plan(needs_year, courses[:1], ["rollover"])
    errors = read_plan(needs_year).errors
    assert len(errors) == 1 and "--year" in errors[0].message and errors[0].line == 2


def test_an_unknown_code_is_named_with_the_nearest_one():
    platform = {"HIST2026", "DEMO101", "FAC001", "MATHS"}
    assert unknown_course("HIST2062", platform, "admin", True) == \
        "HIST2062 is not a course of the platform (Administration → Courses → Course list) — did you mean HIST2026?"
    assert "did you mean" not in unknown_course("ZZZ", platform, "admin", True)
    assert "you do not teach it — did you mean MATHS?" in unknown_course("MATHSS", platform, "jdoe", False)
    assert "Chamilo's copy lists only those" in unknown_course("DEMO102", platform, "admin", True, target_why="Chamilo's copy lists only those")


def _report_courses() -> list[dict]:
    backup = {"name": "backup", "status": "done", "argv": ["--course", "MATHS"],
              "evidence": {"path": "/b/MATHS_20270601-101010.zip", "size": 2_500_000}}
    rollover = {"name": "rollover", "status": "done", "argv": ["--course", "MATHS", "--year", "2027"],
                "evidence": {"new_course": {"code": "MATHS2027"}, "backup": {"path": "/b/x.zip", "size": 10}}}
    failed = {"name": "archive", "status": "failed", "argv": ["--course", "HIST"],
              "error": {"message": "the site answers “This portal is currently experiencing database issues”"}}
    handover = {"name": "handover", "status": "done", "argv": ["--course", "PHYS", "--to", "amartin", "--leave"],
                "evidence": {"to": "amartin", "left": "admin"}}
    return [{"code": "MATHS", "title": "Maths", "status": "ok", "teachers": ["jdoe", "=evil"], "commands": [backup, rollover]},
            {"code": "HIST", "title": "", "status": "failed", "teachers": ["jdoe"], "commands": [failed]},
            {"code": "PHYS", "title": "Physics", "status": "ok", "teachers": [], "commands": [handover]}]


def test_per_teacher_groups_phrases_and_files(tmp_path):
    courses = _report_courses()
    groups = teachers.by_teacher(courses)
    assert [(g["teacher"], g["courses"], g["ok"], g["failed"]) for g in groups] == [
        ("=evil", ["MATHS"], 1, 0), ("jdoe", ["MATHS", "HIST"], 1, 1), ("(unknown)", ["PHYS"], 1, 0)]
    assert teachers.course_phrases(courses[0]) == ["backup MATHS_20270601-101010.zip (2.4 MB)",
                                                    "backup x.zip (10 B)", "next year's course MATHS2027"]
    assert teachers.course_phrases(courses[1])[0].startswith("not done (archive): the site answers")
    assert teachers.course_phrases(courses[2], "fr") == ["confié à amartin", "admin l'a quitté"]
    doc = {"courses": courses, "by_teacher": groups, "site": "https://chamilo.example", "generated": "now"}
    csv_path, pages = teachers.write_summaries(doc, tmp_path / "sum")
    assert sorted(p.name for p in pages) == ["_evil.html", "_unknown_.html", "jdoe.html"]  # never a path
    assert all(oct(p.stat().st_mode & 0o777) == "0o600" for p in [*pages, csv_path])
    rows = list(csv.reader(csv_path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["teacher", "courses", "done", "failed", "page", "summary"]
    assert rows[1][0] == "'=evil" and rows[2][:5] == ["jdoe", "MATHS HIST", "1", "1", "jdoe.html"]
    assert "MATHS: backup MATHS_20270601-101010.zip" in rows[2][5] and "HIST: not done" in rows[2][5]
    page = (tmp_path / "sum" / "jdoe.html").read_text()
    assert "MATHS2027" in page and "database issues" in page and "<script" not in page
    assert json.dumps(doc)  # the document stays JSON


def test_summary_pages_show_names_titles_and_messages_as_text(tmp_path):
    """What comes from the site or the plan (a teacher's name, a course title, an error message) is
    text on the page, never markup."""
    failed = {"name": "archive", "status": "failed", "argv": [], "error": {"message": "<i>boom</i> & co"}}
    courses = [{"code": "X1", "title": "<script>alert(1)</script>", "status": "failed",
                "teachers": ["a<b>"], "commands": [failed]}]
    _csv, pages = teachers.write_summaries({"courses": courses, "site": "s", "generated": "g"}, tmp_path / "s")
    page = pages[0].read_text()
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "a<b>" not in page and page.count("a&lt;b&gt;") == 2  # the title and the heading
    assert "<i>" not in page and "&lt;i&gt;boom&lt;/i&gt; &amp; co" in page
    assert oct((tmp_path / "s").stat().st_mode & 0o777) == "0o700"


def test_a_plan_hands_courses_over(tmp_path):
    plan = tmp_path / "handover.csv"
    plan.write_text("code;do;to;leave;teachers\nMATHS;backup+handover;jdoe;yes;amartin\nHIST;handover;;;\n",
                    encoding="utf-8")
    read = read_plan(plan)
    assert [c.code for c in read.courses] == ["MATHS", "HIST"]
    maths = read.courses[0]
    assert maths.commands[1].argv == ["--course", "MATHS", "--to", "jdoe", "--leave"] and maths.teachers == ["amartin"]
    assert len(read.errors) == 1 and read.errors[0].line == 3 and "--to" in read.errors[0].message

"""robot courses on a faculty of 29 courses (the admin's course list pages at 20): as a teacher (the
courses they teach, not the one they follow), as the platform admin (every course, a search paged
10 by 10, filters, --csv, --plan), then that plan checked on the site and run by the admin without
--offline-check, with per-teacher summaries; and a mistyped plan refused with its line and a
suggestion. One module-scoped site; each robot run once, its outcome asserted by several tests."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest

from tests.robot_run import run_robot

from .conftest import ROBOT, env_for

LIST, EXPORT = "/main/admin/course_list.php", "/main/admin/course_export.php"


def expected(st, code: str) -> dict:
    course = st.course(code)
    users = st.course_users(code)
    return {"code": code, "title": course["title"], "language": course["language"],
            "category": course["category_code"] or "", "visibility": "platform",
            "teachers": sorted(u["username"] for u in users if u["status"] == 1),
            "learners": sum(u["status"] == 5 for u in users)}


def listed(doc: dict) -> list[dict]:
    return [{**c, "teachers": sorted(c["teachers"])} for c in doc["courses"]]


@pytest.fixture(scope="module")
def as_teacher(faculty_site, tmp_path_factory):
    """A teacher whose profile is in French: My courses (and HIST2026, a French course) in French."""
    with faculty_site.state.db() as con:
        con.execute("UPDATE user SET language = 'french' WHERE username = 'teacher'")
    env = env_for(faculty_site, tmp_path_factory.mktemp("teacher"), "teacher")
    # FAC002 is in their My courses as a learner: not listed; HIST2026's 25 learners fill two pages of 20
    return run_robot(["courses", "--json"], env), [expected(faculty_site.state, code)
                                                  for code in ("DEMO101", "FAC001", "HIST2026")]


@pytest.fixture(scope="module")
def admin_env(faculty_site, tmp_path_factory) -> dict[str, str]:
    return env_for(faculty_site, tmp_path_factory.mktemp("admin"), "admin")


@pytest.fixture(scope="module")
def admin_search(faculty_site, admin_env):
    st = faculty_site.state
    before = (st.count("GET", LIST), st.count("POST", EXPORT))
    result = run_robot(["courses", "--search", "fac", "--page-size", "10", "--json"], admin_env)
    return (result, (st.count("GET", LIST) - before[0], st.count("POST", EXPORT) - before[1]),
            [expected(st, f"FAC{i:03d}") for i in range(1, 26)])  # 25 found, 10 a page: 3 pages


@pytest.fixture(scope="module")
def admin_plan(faculty_site, admin_env, tmp_path_factory):
    """The admin's listing of every course (the export), its temporary files in a folder of the test's."""
    folder = tmp_path_factory.mktemp("plan")
    plan = folder / "faculty.csv"
    scratch = folder / "tmp"
    scratch.mkdir()
    saved, tempfile.tempdir = tempfile.tempdir, str(scratch)  # the robot runs in this process
    try:
        result = run_robot(["courses", "--category", "lang", "--teacher", "colleague", "--csv", "--plan", str(plan)],
                           admin_env)
    finally:
        tempfile.tempdir = saved
    return result, plan


def test_a_teacher_lists_the_courses_they_teach(as_teacher):
    result, courses = as_teacher
    assert result.code == 0, result
    doc = result.json()
    assert doc["admin"] is False
    assert listed(doc) == courses
    assert [c["learners"] for c in doc["courses"]] == [1, 3, 25]


def test_the_admin_lists_every_course_of_a_search_page_by_page(admin_search):
    result, (list_pages, exports), courses = admin_search
    assert result.code == 0, result
    doc = result.json()
    assert doc["admin"] is True
    assert listed(doc) == courses
    assert (list_pages, exports) == (3, 1)
    assert sorted(doc["courses"][0]["teachers"]) == ["colleague", "teacher"]  # FAC001's two teachers
    assert {c["category"] for c in doc["courses"]} == {"", "LANG", "PC"}


def test_filters_csv_and_a_plan(admin_plan, faculty_site):
    result, plan = admin_plan
    assert result.code == 0, result
    rows = list(csv.reader(io.StringIO(result.stdout), delimiter=";"))
    assert rows[0] == ["code", "title", "language", "category", "visibility", "teachers", "learners"]
    assert [r[0] for r in rows[1:]] == ["FAC001", "FAC003"]
    assert rows[1][3] == "LANG" and sorted(rows[1][5].split()) == ["colleague", "teacher"] and rows[1][6] == "3"
    assert "2 course(s): every course of the platform" in result.stderr  # what was done: on stderr
    lines = plan.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "code;do;teachers;course_title"
    assert lines[1].startswith("FAC001;backup;") and lines[2] == "FAC003;backup;colleague;Faculty course 003"
    left = [p.name for p in (plan.parent / "tmp").iterdir() if p.name.startswith("robot-courses-")]
    assert left == []  # the admin's course export (a .part, verified, read): nothing left behind


@pytest.fixture(scope="module")
def campaign(as_teacher, admin_search, admin_plan, admin_env, faculty_site, tmp_path_factory):
    """A copy of admin_plan's plan, edited (FAC003: archive instead), checked on the site and run by the admin.

    It changes the site, so it asks for the listings first: pytest runs this module's Chromium test
    (which needs the campaign) before the others, whatever the order of the file."""
    _result, listed_plan = admin_plan
    folder = tmp_path_factory.mktemp("campaign")
    plan = folder / "faculty.csv"
    plan.write_text(listed_plan.read_text(encoding="utf-8-sig").replace("FAC003;backup;", "FAC003;archive;"),
                    encoding="utf-8")
    summaries = folder / "summaries"
    (folder / "tmp").mkdir()
    env = {**admin_env, "ROBOT_OUT": str(folder / "backups"), "TMPDIR": str(folder / "tmp")}
    proc = subprocess.run([ROBOT, "campaign", str(plan), "--yes", "--workers", "2", "--teacher-summaries",
                           str(summaries), "--json", "--env-file", "/dev/null"], env=env, cwd=folder,
                          capture_output=True, text=True, timeout=280)
    return proc, folder, summaries


def test_the_admin_runs_the_plan_without_offline_check(campaign, faculty_site):
    proc, folder, _summaries = campaign
    assert proc.returncode == 0, proc.stdout + proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["totals"]["ok"] == 2
    zips = list((folder / "backups").rglob("FAC001_*.zip"))
    assert len(zips) == 1 and zipfile.ZipFile(zips[0]).testzip() is None
    assert faculty_site.state.course("FAC003")["title"].endswith("(Archive 2025-2026)")  # a course the admin does not teach
    left = [p.name for p in (folder / "tmp").iterdir() if p.name.startswith("robot-plan-check-")]
    assert left == []  # the plan check's course export: read, then removed
    report = json.loads(Path(doc["report_json"]).read_text())
    by = {g["teacher"]: g["courses"] for g in report["by_teacher"]}
    assert by == {"colleague": ["FAC001", "FAC003"], "teacher": ["FAC001"]}
    html = Path(doc["report"]).read_text()
    assert 'id="filter"' in html and 'data-search="fac003 faculty course 003 colleague ok"' in html


def test_per_teacher_summaries(campaign):
    _proc, _folder, summaries = campaign
    assert sorted(p.name for p in summaries.iterdir()) == ["colleague.html", "summaries.csv", "teacher.html"]
    rows = {r["teacher"]: r for r in csv.DictReader(io.StringIO((summaries / "summaries.csv").read_text(encoding="utf-8-sig")),
                                                    delimiter=";")}
    assert rows["colleague"]["courses"] == "FAC001 FAC003" and rows["colleague"]["done"] == "2"
    size = re.search(r"FAC001: backup (FAC001_\S+\.zip) \(([\d.]+ [KM]?i?B)\)", rows["colleague"]["summary"])
    assert size, rows["colleague"]["summary"]  # the backup's file and its size
    assert "FAC003: archived (Archive 2025-2026)" in rows["colleague"]["summary"]
    page = (summaries / "teacher.html").read_text()
    assert "FAC001" in page and "FAC003" not in page and "Faculty course 001" in page
    assert f"{size[1]} ({size[2]})" in page  # the same file and size on the teacher's own page


def test_a_mistyped_code_is_refused_with_its_line_and_a_suggestion(admin_env, tmp_path):
    plan = tmp_path / "typo.csv"
    plan.write_text("code;do\nFAC001;backup\nFAC0003;backup\nHIST2062;backup\n", encoding="utf-8")
    result = run_robot(["campaign", str(plan), "--yes"], admin_env)
    assert result.code == 2, result
    assert "typo.csv:3: course FAC0003: FAC0003 is not a course of the platform" in result.stderr
    assert "did you mean FAC003?" in result.stderr
    assert "typo.csv:4: course HIST2062" in result.stderr and "did you mean HIST2026?" in result.stderr
    assert "FAC001" not in result.stderr.split("error(s)")[1]
    assert not (tmp_path / "typo.journal.sqlite").exists()


def test_the_report_filters_and_groups_offline(campaign, open_page):
    """The report's filter and grouping, in Chromium with the network off: the one file is enough."""
    proc, _folder, _summaries = campaign
    page = open_page(offline=True)
    page.goto(Path(json.loads(proc.stdout)["report"]).as_uri())
    shown = page.locator("#courses tbody[data-search]:visible")
    assert shown.count() == 2
    page.locator("#filter").fill("fac003")
    assert shown.count() == 1 and shown.get_attribute("data-code") == "FAC003"
    assert page.locator("#shown").inner_text() == "1 of 2 courses"
    page.locator("#filter").fill("teacher ok")  # words anywhere: FAC001's teachers are colleague and teacher
    assert shown.count() == 1 and shown.get_attribute("data-code") == "FAC001"
    page.locator("#filter").fill("")
    page.locator("#group").click()
    assert page.locator("#courses").is_hidden() and page.locator("#by-teacher").is_visible()
    groups = page.locator("#by-teacher .teacher:visible h3")
    assert groups.all_inner_texts() == ["colleague — 2 course(s)", "teacher — 1 course(s)"]
    page.locator("#filter").fill("fac003")
    assert groups.all_inner_texts() == ["colleague — 2 course(s)"]

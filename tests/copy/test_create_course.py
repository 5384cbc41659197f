"""`robot create-course`: created (code + URL printed), an existing code (exit 3 + a free code to
try), codes Chamilo would refuse (exit 2 before any request), accounts that may not create, and
sites where teachers may only *request* a course."""
from __future__ import annotations

import pytest

from tests.robot_run import assert_one_attempt_each, run_robot

from .conftest import ADD, env_for


def test_creates_the_course_and_prints_its_code_and_url(practice_server, copy_env):
    st = practice_server.state
    result = run_robot(["create-course", "--title", "Mathématiques 2027", "--code", "Maths2027", "--language", "fr",
                        "--category", "LANG", "--yes", "--json"], copy_env)
    doc = assert_one_attempt_each(result)
    assert (doc["code"], doc["url"]) == ("MATHS2027", f"{practice_server.url}/courses/MATHS2027/")
    course = st.course("MATHS2027")
    assert (course["title"], course["language"], course["category_code"]) == ("Mathématiques 2027", "french", "LANG")
    assert [u["username"] for u in st.course_teachers("MATHS2027")] == ["teacher"]
    assert st.count("POST", ADD) == 1


def test_json_output(practice_server, copy_env):
    result = run_robot(["create-course", "--title", "Histoire 2027", "--code", "HIST2027", "--yes", "--json",
                        "--dry-run"], copy_env)
    assert result.code == 0, result
    doc = result.json()
    assert (doc["schema_version"], doc["command"], doc["dry_run"], doc["code"]) == (1, "create-course", True, "HIST2027")
    assert [s["name"] for s in doc["steps"] if s["changes_site"]] == ["submit_create_course"]
    assert practice_server.state.requests == []


def test_existing_code_exits_3_and_names_a_free_code(practice_server, copy_env):
    st = practice_server.state
    before = st.course_codes()
    result = run_robot(["create-course", "--title", "Histoire", "--code", "HIST2026", "--yes"], copy_env)
    assert result.code == 3, result
    assert "course code HIST2026 already exists" in result.stderr
    assert "try --code HIST2027" in result.stderr
    assert st.course_codes() == before and st.count("POST", ADD) == 1


@pytest.mark.parametrize("code", ["HIST_2027", "HIST 2027", "HIST-2027", "Éco2027"])
def test_code_chamilo_refuses_exits_2_before_any_request(practice_server, copy_env, code):
    result = run_robot(["create-course", "--title", "X", "--code", code, "--yes"], copy_env)
    assert result.code == 2, result
    assert "letters and digits" in result.stderr
    assert practice_server.state.requests == []


def test_student_may_not_create_courses(practice_server, tmp_path):
    result = run_robot(["create-course", "--title", "X", "--code", "X2027", "--yes"],
                       env_for(practice_server, tmp_path, "student"))
    assert result.code == 3, result
    assert "is not allowed to create courses" in result.stderr
    assert practice_server.state.count("POST", ADD) == 0


def test_site_where_teachers_only_request_courses(practice_server, copy_env):
    st = practice_server.state
    st.settings["course_validation"] = "true"
    result = run_robot(["create-course", "--title", "X", "--code", "X2027", "--yes"], copy_env)
    assert result.code == 3, result
    assert "only lets teachers *request* a new course" in result.stderr
    assert st.count("POST", ADD) == 0 and st.course("X2027") is None

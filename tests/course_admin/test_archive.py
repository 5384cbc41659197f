"""robot archive: the label in the title and atop the introduction (typed in the real CKEditor 4),
private or closed, subscriptions and unsubscriptions closed; a second run adds nothing twice."""
from __future__ import annotations

import re

import pytest

from robot.commands.archive import default_label
from tests.robot_run import assert_one_attempt_each, run_robot

from .conftest import snapshot


def _intro_paragraphs(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", p).replace("&nbsp;", " ").strip() for p in re.findall(r"<p>(.*?)</p>", html, re.S)]


@pytest.fixture(scope="module")
def twice(practice_server, env):
    """HIST2026 (French) archived with the default label, then archived again."""
    practice_server.state.reset()
    before = snapshot(practice_server.state)
    first = run_robot(["archive", "--course", "HIST2026", "--json"], env)
    after_first = snapshot(practice_server.state)
    second = run_robot(["archive", "--course", "HIST2026", "--json"], env)
    return before, first, after_first, second, snapshot(practice_server.state)


@pytest.fixture(scope="module")
def closed(practice_server, env):
    """DEMO101 with an introduction already, closed, with its own label."""
    practice_server.state.reset()
    with practice_server.state.db() as con:
        con.execute("UPDATE course SET intro = ? WHERE code = 'DEMO101'", ("<p>Welcome to the course.</p>",))
    result = run_robot(["archive", "--course", "DEMO101", "--label", "Archive 2026", "--visibility", "closed",
                        "--json"], env)
    return result, snapshot(practice_server.state)


def test_title_intro_and_access(twice):
    before, first, after, _second, _final = twice
    assert_one_attempt_each(first)
    label = default_label()
    course = after["HIST2026"]["course"]
    assert course["title"] == f"{before['HIST2026']['course']['title']} ({label})"
    assert _intro_paragraphs(course["intro"]) == [label]
    assert (course["visibility"], course["subscribe"], course["unsubscribe"]) == (1, 0, 0)
    assert before["HIST2026"]["course"]["visibility"] == 2 and before["HIST2026"]["course"]["subscribe"] == 1
    # nothing else changed
    assert after["HIST2026"]["users"] == before["HIST2026"]["users"]
    assert after["HIST2026"]["files"] == before["HIST2026"]["files"]
    assert after["DEMO101"] == before["DEMO101"]


def test_second_run_adds_nothing(twice):
    _before, _first, after, second, final = twice
    assert_one_attempt_each(second)
    assert final == after
    doc = second.json()
    assert doc["title_changed"] is False and doc["intro_changed"] is False
    assert "save_intro" in [s["name"] for s in doc["steps"]]


def test_label_goes_above_an_existing_introduction(closed):
    result, after = closed
    assert_one_attempt_each(result)
    course = after["DEMO101"]["course"]
    assert course["title"] == "Demo course 101 (Archive 2026)"
    assert _intro_paragraphs(course["intro"]) == ["Archive 2026", "Welcome to the course."]
    assert (course["visibility"], course["subscribe"], course["unsubscribe"]) == (0, 0, 0)
    assert result.json()["visibility"] == "closed"

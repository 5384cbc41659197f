"""`robot copy` DEMO101 → HIST2026 with each same-file-name policy: the target ends with exactly the
names and bytes Chamilo's CourseRestorer leaves, and the report says the same. Both courses hold
notes.txt and Semaine-1/cours.pdf with different bytes (top level and a subfolder)."""
from __future__ import annotations

import pytest

from tests.robot_run import assert_one_attempt_each, run_robot

from .conftest import COPY, env_for, renamed, seeded_files

SHARED = ["notes.txt", "Semaine-1/cours.pdf"]
BOOTSTRAP_SELECT_JS = "/web/assets/bootstrap-select/dist/js/bootstrap-select.min.js"


def expected_target(policy: str) -> dict[str, bytes]:
    source, target = seeded_files("DEMO101"), dict(seeded_files("HIST2026"))
    for path, data in source.items():
        if path not in target:
            target[path] = data
        elif policy == "overwrite":
            target[path] = data
        elif policy == "rename":
            target[renamed(path)] = data
    return target


@pytest.fixture(scope="module")
def runs(practice_server, tmp_path_factory):
    """One robot run per policy on a fresh seed; what the site and the report said right after it.
    The overwrite run has no bootstrap-select JavaScript (the page keeps its plain <select>)."""
    st = practice_server.state
    out = {}
    for policy in ("skip", "rename", "overwrite"):
        st.faults.clear()
        st.reset()
        if policy == "overwrite":
            st.faults.add("GET", BOOTSTRAP_SELECT_JS, "status", code=404, times=100)
        env = env_for(practice_server, tmp_path_factory.mktemp(policy))
        result = run_robot(["copy", "--from", "DEMO101", "--to", "HIST2026", "--on-conflict", policy, "--yes", "--json"],
                           env)
        out[policy] = {"result": result, "files": st.course_files("HIST2026"), "source": st.course_files("DEMO101"),
                       "titles": {d["path"]: d["title"] for d in st.documents("HIST2026")},
                       "links": len(st.links("HIST2026")), "posts": st.count("POST", COPY)}
    st.faults.clear()
    st.reset()
    return out


@pytest.mark.parametrize("policy", ["skip", "rename", "overwrite"])
def test_target_holds_what_chamilo_leaves(runs, policy):
    run = runs[policy]
    assert_one_attempt_each(run["result"])
    assert run["files"] == expected_target(policy)
    assert run["source"] == seeded_files("DEMO101")  # the source is never touched
    assert run["posts"] == 1  # one copy POST
    assert run["links"] == 1 + 2  # links are always added


@pytest.mark.parametrize("policy", ["skip", "rename", "overwrite"])
def test_report_says_the_same(runs, policy):
    doc = runs[policy]["result"].json()
    assert doc["schema_version"] == 1 and doc["ok"] is True and doc["command"] == "copy"
    assert (doc["source"], doc["destination"], doc["policy"], doc["verified"]) == ("DEMO101", "HIST2026", policy, True)
    assert doc["destination_before"] == sorted(seeded_files("HIST2026"))
    assert doc["destination_after"] == sorted(runs[policy]["files"])
    outcomes = {f["path"]: (f["outcome"], f.get("to")) for f in doc["files"]}
    assert set(outcomes) == set(seeded_files("DEMO101"))
    for path in seeded_files("DEMO101"):
        if path not in SHARED:
            assert outcomes[path] == ("added", None)
    word = {"skip": "skipped", "rename": "renamed", "overwrite": "overwritten"}[policy]
    for path in SHARED:
        assert outcomes[path] == (word, renamed(path) if policy == "rename" else None)
    assert doc["summary"] == {"added": 4, "skipped": 2 * (policy == "skip"), "renamed": 2 * (policy == "rename"),
                              "overwritten": 2 * (policy == "overwrite"), "missing": 0}
    assert doc["counts"]["links"] == {"source": 2, "before": 1, "after": 3}
    assert doc["counts"]["announcements"] == {"source": 2, "before": 1, "after": 3}
    assert doc["counts"]["documents"] == {"source": 6, "before": 4, "after": len(runs[policy]["files"])}


def test_rename_keeps_the_original_title(runs):
    titles = runs["rename"]["titles"]
    assert titles["/notes_1.txt"] == "notes.txt" and titles["/Semaine-1/cours_1.pdf"] == "cours.pdf"


def test_target_chosen_through_the_widget_or_the_plain_select(runs):
    assert runs["skip"]["result"].json()["target_chosen_by"] == "widget"
    assert runs["overwrite"]["result"].json()["target_chosen_by"] == "native"

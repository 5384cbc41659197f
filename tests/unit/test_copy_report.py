"""The copy report (flows.copy_report), the rollover journal and naming rules — no browser."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from flows.copy_report import build, renamed_name
from flows.course_items import CourseItems, document_path, parse_boxes
from flows.create_course import candidate_codes, check_new_code, language_folder
from flows.knowledge import for_version
from flows.rollover import Journal, next_code, next_title
from robot.errors import UsageError


def items(code, docs, **other):
    return CourseItems(code, {"document": list(docs), **other})


def test_renamed_name_follows_chamilo():
    assert renamed_name("/file.pdf", {"/file.pdf"}) == "/file_1.pdf"
    assert renamed_name("/file.pdf", {"/file.pdf", "/file_1.pdf"}) == "/file_2.pdf"
    assert renamed_name("/d/a.b.txt", set()) == "/d/a.b_1.txt"
    assert renamed_name("/README", set()) == "/README_1"


def test_labels_of_the_course_select_form():
    assert document_path("/notes_1.txt - notes.txt") == "/notes_1.txt"
    assert document_path("/Semaine-1") == "/Semaine-1"
    boxes = [{"name": "resource[document][3]", "label": "/certificates - Certificates"},
             {"name": "resource[quiz][-1]", "label": "Orphan questions"},
             {"name": "resource[link][7]", "label": "Chamilo (https://chamilo.org/)"}, {"name": "other", "label": "x"}]
    assert parse_boxes(boxes) == {"document": ["/certificates"], "link": ["Chamilo (https://chamilo.org/)"]}


@pytest.mark.parametrize("policy, outcome, to", [("skip", "skipped", None), ("rename", "renamed", "d/b_1.pdf"),
                                                 ("overwrite", "overwritten", None)])
def test_outcomes_per_policy(policy, outcome, to):
    source = items("A", ["/a.txt", "/d", "/d/b.pdf", "/certificates"], link=["l1", "l2"])
    before = items("B", ["/certificates", "/d", "/d/b.pdf", "/z.txt"], link=["l0"])
    after_docs = ["/a.txt", "/certificates", "/d", "/d/b.pdf", "/z.txt"] + (["/d/b_1.pdf"] if policy == "rename" else [])
    report = build(source, before, items("B", after_docs, link=["l0", "l1", "l2"]), policy)
    assert report.verified
    got = {f["path"]: (f["outcome"], f.get("to")) for f in report.files}
    assert got == {"a.txt": ("added", None), "d/b.pdf": (outcome, to)}
    assert report.folders_merged == ["d", "certificates"]
    assert report.counts["links"] == {"source": 2, "before": 1, "after": 3}
    assert report.counts["documents"]["after"] == len(after_docs) - 2
    assert report.before == ["d/b.pdf", "z.txt"]
    text = "\n".join(report.lines())
    assert f"{outcome}" in text and "a.txt" in text


def test_missing_file_does_not_verify_and_unexplained_files_are_noted():
    report = build(items("A", ["/a.txt", "/b.txt"]), items("B", []), items("B", ["/a.txt", "/x.txt"]), "rename")
    assert not report.verified
    assert {f["path"]: f["outcome"] for f in report.files} == {"a.txt": "added", "b.txt": "missing"}
    assert report.unexpected == ["x.txt"]


def test_known_kinds_from_a_backup_win_over_the_guess():
    report = build(items("A", ["/VERSION"]), items("B", ["/VERSION"]), items("B", ["/VERSION", "/VERSION_1"]),
                   "rename", known_files={"/VERSION"})
    assert report.files == [{"path": "VERSION", "outcome": "renamed", "to": "VERSION_1"}]


def test_new_codes_and_titles():
    k = for_version("1.11")
    assert check_new_code(k, "maths2027") == "MATHS2027"
    for bad in ("MATHS_2027", "MATHS 2027", "", "É2027", "A" * 41):
        with pytest.raises(UsageError):
            check_new_code(k, bad)
    assert candidate_codes("HIST2026")[:2] == ["HIST2027", "HIST2028"]
    assert candidate_codes("MATHS", dt.date(2026, 11, 28))[0] == "MATHS2027"
    assert next_title("Histoire 2026", 2027) == "Histoire 2027"
    assert (next_code("MATHS", 2027), next_code("HIST2026", 2027), next_code("DEMO101", 2027)) == \
        ("MATHS2027", "HIST2027", "DEMO1012027")
    assert next_title("Demo course 101", 2027) == "Demo course 101 2027"
    assert language_folder("fr") == "french" and language_folder("German") == "german"


def test_journal_is_private_and_atomic(tmp_path):
    journal = Journal.open(tmp_path / ".robot-state", "http://x", "DEMO101", 2027, "DEMO1012027")
    journal.record("backup", "done", path="/b.zip")
    assert (journal.path.stat().st_mode & 0o777, journal.path.parent.stat().st_mode & 0o777) == (0o600, 0o700)
    again = Journal.open(tmp_path / ".robot-state", "http://x", "DEMO101", 2027, "DEMO1012027")
    assert again.done("backup") and not again.done("copy")
    other = Journal.open(tmp_path / ".robot-state", "http://x", "DEMO101", 2027, "OTHER2027")
    assert not other.done("backup")  # another target: start over
    assert json.loads(journal.path.read_text())["new_code"] == "DEMO1012027"
    assert [p.name for p in journal.path.parent.iterdir()] == [journal.path.name]  # no temp file left

"""The import report (flows/restore_report.py): each file of the zip by path and size, the items counted,
and the check a lost answer runs before an import is redone."""
from __future__ import annotations

import flows.restore
from chamilo_backup.content import CourseContent, Document
from flows import restore_report
from robot.commands.restore import POLICIES


def course(files: dict[str, int], folders=(), **counts: int) -> CourseContent:
    docs = [Document(i, "document" + p, "file", size, p.rsplit("/", 1)[-1]) for i, (p, size) in enumerate(files.items())]
    docs += [Document(100 + i, "document" + p, "folder", 0, p) for i, p in enumerate(folders)]
    return CourseContent("X", "X", "english", "complete", documents=docs,
                         counts={"document": len(docs), **counts})


ZIP = course({"/notes.txt": 10, "/d/cours.pdf": 20}, folders=["/d"], link=2)


def test_added_into_an_empty_course():
    report = restore_report.build("z.zip", ZIP, course({}), course({"/notes.txt": 10, "/d/cours.pdf": 20}, ["/d"], link=2),
                                  "skip", course="T")
    assert report.verified and report.summary["added"] == 2 and report.folders_added == ["d"]
    assert report.counts["links"] == {"zip": 2, "before": 0, "after": 2}


def test_renamed_files_are_matched_by_name_and_size():
    before = course({"/notes.txt": 10, "/d/cours.pdf": 20}, ["/d"], link=2)
    after = course({"/notes.txt": 10, "/d/cours.pdf": 20, "/notes_1.txt": 10, "/d/cours_1.pdf": 20}, ["/d"], link=4)
    report = restore_report.build("z.zip", ZIP, before, after, "rename", course="T")
    assert report.verified
    assert {f["path"]: f["to"] for f in report.files} == {"notes.txt": "notes_1.txt", "d/cours.pdf": "d/cours_1.pdf"}


def test_a_wrong_size_or_a_missing_item_does_not_verify():
    after = course({"/notes.txt": 9, "/d/cours.pdf": 20}, ["/d"], link=1)
    report = restore_report.build("z.zip", ZIP, course({}), after, "overwrite", course="T")
    assert not report.verified
    assert [f["outcome"] for f in report.files] == ["added", "missing"]  # d/cours.pdf, notes.txt (9 bytes)
    assert report.items_missing == ["links"]


def test_the_check_of_a_lost_answer():
    empty = course({})
    assert not restore_report.imported(ZIP, empty, empty, types=None)
    assert restore_report.imported(ZIP, empty, course({"/notes.txt": 10}), types=None)
    full = course({"/notes.txt": 10, "/d/cours.pdf": 20}, ["/d"])
    assert restore_report.imported(ZIP, full, course({"/notes.txt": 10, "/d/cours.pdf": 20, "/notes_1.txt": 10}),
                                   types=None)  # rename
    assert not restore_report.imported(ZIP, full, full, types={"document"})  # all skipped: nothing to see, nothing to fear


def test_restore_policies_are_the_flows():
    assert POLICIES == flows.restore.POLICIES


def test_a_plan_restores_from_a_column_and_proves_backups(tmp_path):
    from robot.campaign.plan import read_plan
    plan = tmp_path / "plan.csv"
    plan.write_text("code;do;from;prove-restore;on-conflict\nMATHS;restore;backups/M.zip;;rename\nHIST;backup;;SCRATCH;\n")
    read = read_plan(plan)
    assert read.errors == []
    assert [(c.code, [(x.name, x.argv) for x in c.commands]) for c in read.courses] == [
        ("MATHS", [("restore", ["--course", "MATHS", "--from", "backups/M.zip", "--on-conflict", "rename"])]),
        ("HIST", [("backup", ["--course", "HIST", "--prove-restore", "SCRATCH"])])]


def test_a_campaign_refuses_two_proofs_in_one_scratch_course_with_several_workers(tmp_path):
    from robot.campaign.plan import read_plan
    from robot.commands.run.campaign import shared_scratches
    plan = tmp_path / "plan.csv"
    plan.write_text("code;do;prove-restore\nMATHS;backup;SCRATCH\nHIST;backup;SCRATCH\nBIO;backup;SCRATCH2\n")
    read = read_plan(plan)
    errors = shared_scratches(read, workers=2)
    assert [(e.course, e.line) for e in errors] == [("HIST", 3)] and "--workers 1" in errors[0].message
    assert shared_scratches(read, workers=1) == []


def test_the_baseline_of_an_import_comes_back_from_a_campaign_journal():
    """A campaign's journal keeps an Effect's baseline as JSON and gives it back on --resume: the
    check of a lost import answer must work on what comes back (not on a repr of the course)."""
    from types import SimpleNamespace

    from flows.course_contents import from_snapshot
    from robot.campaign.journal import scrubbed

    full = course({"/notes.txt": 10, "/d/cours.pdf": 20}, ["/d"], link=2)
    baseline = flows.restore.IMPORTED.baseline(SimpleNamespace(data={"course_before": full}))
    kept = from_snapshot(scrubbed(baseline, lambda text: text))
    assert {(d.course_path, d.is_folder, d.size) for d in kept.documents} == \
        {(d.course_path, d.is_folder, d.size) for d in full.documents}
    assert kept.counts == full.counts
    renamed = course({"/notes.txt": 10, "/d/cours.pdf": 20, "/notes_1.txt": 10}, ["/d"], link=4)
    assert restore_report.imported(ZIP, kept, renamed, types=None)
    assert not restore_report.imported(ZIP, kept, full, types={"document"})
    report = restore_report.build("z.zip", ZIP, kept, renamed, "rename", course="T")
    assert [f["outcome"] for f in report.files] == ["missing", "renamed"]  # d/cours_1.pdf never came


def test_every_replay_of_a_restore_or_a_proof_starts_from_a_step_before_it():
    """A step retried after a failure goes back to its replay_from step's page: that step must be an
    earlier one of the same run (else the runner reopens the failed step's own address — after a POST,
    the empty import form — and the retry fails for a wrong reason)."""
    from pathlib import Path

    from flows import backup as backup_flow
    from flows.knowledge import for_version
    from robot.commands.run.backup import steps_of

    k = for_version("1.11")
    runs = {f"restore {items or 'full'}": flows.restore.steps(k, flows.restore.RestoreParams(
        site=None, course="T", zip_path=Path("z.zip"), items=items)) for items in ((), ("documents",))}
    proof = backup_flow.BackupParams(site=None, course="C")
    proof.extra["prove"] = flows.restore.ProofParams(scratch="S")
    runs["backup --prove-restore"] = steps_of(proof)
    for run, steps in runs.items():
        names = [st.name for st in steps]
        for i, st in enumerate(steps):
            if st.replay_from:
                assert st.replay_from in names[:i], f"{run}: {st.name} replays from {st.replay_from}"


def test_the_imports_posts_hold_the_sites_course_archiver_work():
    """Every import reads its zip with CourseArchiver, which first deletes every backup's temporary
    folder on the site (UI-REFERENCE §17): its POSTs hold the site-wide lock a backup's build holds."""
    from pathlib import Path

    from flows import backup as backup_flow
    from flows.knowledge import for_version
    from robot.commands.run.backup import steps_of

    k = for_version("1.11")
    posts = {"submit_import", "submit_import_options", "confirm_import_selection"}
    for items in ((), ("documents",)):
        steps = flows.restore.steps(k, flows.restore.RestoreParams(site=None, course="T", zip_path=Path("z.zip"),
                                                                  items=items))
        held = {st.name for st in steps if st.exclusive == k.archiver.work}
        assert held == posts & {st.name for st in steps}, items
    proof = backup_flow.BackupParams(site=None, course="C")
    proof.extra["prove"] = flows.restore.ProofParams(scratch="S")
    held = {st.name for st in steps_of(proof) if st.exclusive == k.archiver.work}
    assert {"submit_backup", "download_backup", "proof_submit_import"} <= held


def test_an_import_that_left_files_out_says_not_to_run_it_again_whole():
    """A file of the zip missing after the import (a backup started on the site meanwhile deletes the
    folder Chamilo imports from, §17): exit 5, and the hint says how to bring the files without
    adding the announcements and links a second time."""
    from pathlib import Path
    from types import SimpleNamespace

    import pytest

    from robot.errors import VerificationError

    params = flows.restore.RestoreParams(site=None, course="T", zip_path=Path("z.zip"), content=ZIP)  # type: ignore[arg-type]
    after = course({"/notes.txt": 10}, ["/d"], link=2)  # d/cours.pdf did not arrive
    s = SimpleNamespace(params=params, data={"course_before": course({}), "course_after": after})
    with pytest.raises(VerificationError) as caught:
        flows.restore.compare_before_after.action(s)
    assert "d/cours.pdf" in caught.value.message
    assert "--items documents --on-conflict skip" in caught.value.hint and "second time" in caught.value.hint

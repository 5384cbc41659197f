"""The campaign's pieces without a browser: reading plans (TOML, CSV) with every error and its line,
shards, the journal's resume rules, the report page."""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from robot.campaign import report
from robot.campaign.journal import Journal, unverified
from robot.campaign.plan import read_plan
from robot.campaign.shards import parse_shard, shard_of
from robot.errors import UsageError


def plan_file(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_toml_errors_come_all_at_once_with_their_lines(tmp_path):
    plan = read_plan(plan_file(tmp_path, "p.toml", """[defaults]
out = "backups"
colour = "red"

[[course]]
code = "MATHS"
do = ["backup", "rollover"]
year = "next"

[[course]]
code = "HIST"
do = "backup+frobnicate"
items = ["documents", "links"]

[[course]]
code = "maths"
do = "announce"

[[course]]
code = "BIO"
do = ["backup", "empty"]
teacher = "jdoe"

[[course]]
code = "CHEM"
do = ["unsubscribe-students"]
"""))
    found = [(e.line, e.course, e.message) for e in plan.errors]
    assert [line for line, _, _ in found] == [3, 8, 12, 16, 22, 26], found
    assert "colour" in found[0][2] and "out" in found[0][2]                 # an option no command takes
    assert "--year" in found[1][2] and "next" in found[1][2]                # a bad value, on its own line
    assert "frobnicate" in found[2][2]                                      # an unknown command
    assert "twice" in found[3][2] and "line 5" in found[3][2]               # MATHS again (any case)
    assert "teacher" in found[4][2]                                         # not an option of backup, empty
    assert "verified backup first" in found[5][2]                           # destructive, nothing guards it
    assert [c.code for c in plan.courses] == ["MATHS", "HIST", "BIO", "CHEM"]
    hist = plan.courses[1].commands
    assert [(c.name, c.argv) for c in hist] == [("backup", ["--course", "HIST", "--out", "backups", "--items",
                                                             "documents,links"])]


def test_a_spreadsheets_csv(tmp_path):
    text = ("code;do;year;on-conflict;no-email;title;message;backup-first\n"
            "# a comment row\n"
            "maths;backup+rollover;2027;skip;;;;\n"
            "\n"
            'HIST;announce+unsubscribe-students;;;oui;"End; of year";Bye;\n'
            "BIO;backup+empty;;;;;;\n"
            "CHEM;empty;;;;;;yes\n")
    plan = read_plan(plan_file(tmp_path, "p.csv", text, encoding="utf-8-sig"))  # Excel's BOM
    assert [(e.line, e.message) for e in plan.errors] == [
        (5, "unsubscribe-students changes the course for good: it needs a verified backup first — put `backup` "
            "before it in `do`, or give backup-first = yes (or backup = FILE)")]
    assert [(c.code, c.line) for c in plan.courses] == [("MATHS", 3), ("HIST", 5), ("BIO", 6), ("CHEM", 7)]
    maths, hist, bio, chem = plan.courses
    assert [c.argv for c in maths.commands] == [["--course", "MATHS"],
                                                ["--course", "MATHS", "--year", "2027", "--on-conflict", "skip"]]
    assert hist.commands[0].argv == ["--course", "HIST", "--no-email", "--title", "End; of year", "--message", "Bye"]
    assert [(c.name, c.backup_guarded) for c in bio.commands] == [("backup", False), ("empty", True)]
    assert chem.commands[0].argv == ["--course", "CHEM", "--backup-first"] and not chem.commands[0].backup_guarded
    bad = read_plan(plan_file(tmp_path, "bad.csv", "code,do,no-email\nX,announce,maybe\n"))
    assert [e.line for e in bad.errors] == [2, 2]  # "maybe" is no yes/no; --title/--message missing
    assert any("yes or no" in e.message for e in bad.errors)


def test_shards_are_stable_and_cover_the_plan_once():
    codes = [f"C{i:04d}" for i in range(300)]
    shards = [[c for c in codes if shard_of(c, 4) == k] for k in range(4)]
    assert sorted(sum(shards, [])) == codes and all(shards)
    assert [[c for c in reversed(codes) if shard_of(c, 4) == k] for k in range(4)] == [s[::-1] for s in shards]
    assert shard_of("maths", 7) == shard_of(" MATHS ", 7)
    assert parse_shard("2/5") == (2, 5) and parse_shard(None) == (0, 1)
    for bad in ("5/5", "-1/3", "1", "a/b", "0/0"):
        with pytest.raises(UsageError):
            parse_shard(bad)


def result(index, name, *, changes_site=False, status="ok", baseline=None, already_done=False):
    return SimpleNamespace(index=index, name=name, changes_site=changes_site, status=status, baseline=baseline,
                           attempts=1, already_done=already_done, relaunched=False, error="")


def make_journal(tmp_path, text, resume=False, redact=lambda s: s):
    plan = read_plan(plan_file(tmp_path, "p.csv", text))
    return plan, Journal.start(tmp_path / "j.sqlite", plan, plan.courses, (0, 1), {c.code: 0 for c in plan.courses},
                               site="https://lms.example", username="teacher", resume=resume, redact=redact)


def test_the_journal_says_what_may_have_reached_the_site(tmp_path):
    plan, j = make_journal(tmp_path, "code,do,title,message\nMATHS,backup+announce,Hi,Bye\n")
    run = j.begin("MATHS", 1, "w1")
    j.step_event("MATHS", 1, run, "started", result(1, "open_course_home"))
    j.step_event("MATHS", 1, run, "finished", result(1, "open_course_home"))
    j.step_event("MATHS", 1, run, "started", result(2, "click_preview"))  # started, never acted: nothing sent
    j.step_event("MATHS", 1, run, "started", result(3, "click_publish", changes_site=True))
    j.step_event("MATHS", 1, run, "acting", result(3, "click_publish", changes_site=True, baseline=["7", "9"]))
    j.close()  # SIGKILL here loses nothing: each event was committed
    plan, j = make_journal(tmp_path, "code,do,title,message\nMATHS,backup+announce,Hi,Bye\n", resume=True)
    assert j.command("MATHS", 1).status == "running" and j.command("MATHS", 0).status == "pending"
    assert j.maybe_done("MATHS", 1) == {"click_publish": ["7", "9"]}
    run2 = j.begin("MATHS", 1, "w2")
    assert run2 == 2
    j.step_event("MATHS", 1, run2, "started", result(3, "click_publish", changes_site=True))
    j.step_event("MATHS", 1, run2, "acting", result(3, "click_publish", changes_site=True, baseline=["7", "9", "11"]))
    assert j.maybe_done("MATHS", 1) == {"click_publish": ["7", "9"]}  # the first baseline stays
    j.close()
    # the plan changed for that command: a new command, its old steps forgotten
    plan, j = make_journal(tmp_path, "code,do,title,message\nMATHS,backup+announce,Hello,Bye\n", resume=True)
    assert j.command("MATHS", 1).status == "pending" and j.maybe_done("MATHS", 1) == {}
    j.close()
    with pytest.raises(UsageError, match="courses changed"):
        make_journal(tmp_path, "code,do\nMATHS,backup\nHIST,backup\n", resume=True)
    with pytest.raises(UsageError, match="--resume"):
        make_journal(tmp_path, "code,do,title,message\nMATHS,backup+announce,Hello,Bye\n")
    other = tmp_path / "other"
    other.mkdir()
    plan, j = make_journal(other, "code,do\nMATHS,backup\n", resume=True)  # a first run may say --resume
    assert j.command("MATHS", 0).status == "pending"
    j.close()


def test_a_done_backup_holds_while_its_zip_does(tmp_path):
    zip_path = tmp_path / "MATHS_1.zip"
    zip_path.write_bytes(b"PK backup bytes")
    import hashlib
    evidence = {"path": str(zip_path), "size": 15, "sha256": hashlib.sha256(b"PK backup bytes").hexdigest()}
    assert unverified("backup", evidence) is None
    zip_path.write_bytes(b"PK other bytes!")
    assert "changed" in unverified("backup", evidence)
    zip_path.unlink()
    assert "gone" in unverified("backup", evidence)
    assert unverified("rollover", {"backup": evidence}) is not None
    assert unverified("announce", {"title": "x"}) is None


def test_no_secret_in_the_journal_and_a_self_contained_report(tmp_path):
    secret = "Pw-<b>&\"x"
    plan, j = make_journal(tmp_path, "code,do\nMATHS,backup\nHIST,backup\n",
                           redact=lambda s: s.replace(secret, "<redacted>"))
    run = j.begin("MATHS", 0, "w1")
    j.step_event("MATHS", 0, run, "started", result(1, "open_course_home"))
    j.step_event("MATHS", 0, run, "finished", result(1, "open_course_home"))
    j.finish("MATHS", 0, evidence={"path": "/b/MATHS.zip", "size": 2048, "sha256": "ab" * 32, f"note {secret}": secret},
             lines=[f"typed {secret}"], seconds=1.5)
    j.begin("HIST", 0, "w2")
    j.fail("HIST", 0, {"message": f"failed <script>alert(1)</script> {secret}", "screenshots": ["/r/01-x.png"]})
    j.close()
    assert secret.encode() not in (tmp_path / "j.sqlite").read_bytes()
    doc = report.build([tmp_path / "j.sqlite"])
    assert doc["totals"] == {"courses": 2, "failed": 1, "interrupted": 0, "not_run": 0, "ok": 1}
    html_path, json_path = report.write(doc, tmp_path / "out" / "r")
    html = html_path.read_text()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html  # escaped
    assert 'src="http' not in html and "<link" not in html
    assert json.loads(json_path.read_text())["courses"][0]["commands"][0]["evidence"]["size"] == 2048


def test_the_report_says_whether_each_backup_was_proven_restorable(tmp_path):
    """issue 20: a backup with --prove-restore says "restore proven" (or NOT proven, and whether its
    scratch course was emptied again) in the campaign report, per course."""
    plan, j = make_journal(tmp_path, "code,do\nMATHS,backup\nHIST,backup\n")
    zip_fields = {"path": "/b/x.zip", "size": 2048, "sha256": "ab" * 32}
    for code, proven, emptied in (("MATHS", True, True), ("HIST", False, False)):
        j.begin(code, 0, "w1")
        j.finish(code, 0, evidence={**zip_fields, "restore_proof": {
            "scratch": "SCRATCH", "proven": proven, "files": {"added": 4, "missing": 0 if proven else 1},
            "items": {}, "scratch_emptied": emptied, "imported_from": "x.zip"}}, lines=[], seconds=1.0)
    j.close()
    html_path, _ = report.write(report.build([tmp_path / "j.sqlite"]), tmp_path / "out" / "r")
    html = " ".join(html_path.read_text().split())
    def row(code: str) -> str:  # the course's own rows of the report's table
        start = html.index(f'<tbody id="course-{code}"')
        return html[start:html.index("</tbody>", start)]
    first, second = row("MATHS"), row("HIST")
    assert 'restore <span class="status ok">proven</span>' in first and "emptied again" in first
    assert 'restore <span class="status failed">NOT proven</span>' in second and "<b>not emptied</b>" in second

"""robot campaign on the practice Chamilo with real Chromium: a faculty's plan with three workers, a
course that fails, the dry run, and a plan with errors (robot/campaign/, docs/CAMPAIGN.md)."""
from __future__ import annotations

import hashlib
import io
import json
import zipfile

from practice_server import PracticeServer
from practice_server.backup import BackupPace

from . import faculty
from .conftest import PASSWORD, robot


def secret_places(data: bytes, secrets: list[bytes]) -> list[bytes]:
    """Which secrets are in ``data`` — or in the members of a zip (traces, backups) it is."""
    found = [s for s in secrets if s in data]
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for name in zf.namelist():
                found += [s for s in secrets if s in zf.read(name)]
    return found


def test_a_faculty_plan_with_three_workers(site, env, tmp_path):
    """Ten courses, three workers: the end state of every course; one course fails (an injected
    fault) with its diagnosis and screenshot while the others succeed (exit 6); one login per worker;
    the password and the session cookies in no byte of the journal, report, logs or any file left.
    Each backup takes a second to build, as on a real server, and the site never builds two at once
    (a second one would break the first, UI-REFERENCE §17): every backup is made once."""
    plan = faculty.write_plan(tmp_path)
    faculty.arm_fault(site)
    site.state.backup_pace = BackupPace(seconds=1.0)
    done = robot(["campaign", str(plan), "--yes", "--workers", "3"], env, tmp_path)
    assert done.code == 6, done
    faculty.check_end_state(site, tmp_path / "backups", tmp_path)
    doc = faculty.check_report(tmp_path / "faculty-report.json")
    builds = site.state.backup_builds
    assert builds.max_at_once == 1 and builds.broken == 0 and builds.total == len(faculty.BACKED_UP), vars(builds)
    evidence = [(x["name"], x.get("evidence") or {}) for c in doc["courses"] for x in c["commands"]]
    made = [n for name, ev in evidence
            if (n := ev.get("backups_made") if name == "backup" else (ev.get("backup") or {}).get("backups_made"))]
    assert made == [1] * len(faculty.BACKED_UP), evidence
    assert "FAC007 backup FAILED" in done.stderr and "To finish it" not in done.stdout
    # one login to check the plan, then one per worker, each reused across its courses
    assert site.state.count("POST", "/index.php") == 1 + 3
    cookies = [sid.encode() for sid in site.state.sessions.issued()]
    assert len(cookies) >= 4
    secrets = [PASSWORD.encode(), *cookies]
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.name == "trace.zip" for p in files) and any(p.suffix == ".sqlite" for p in files)
    leaks = {str(p): secret_places(p.read_bytes(), secrets) for p in files}
    leaks["stdout+stderr"] = secret_places((done.stdout + done.stderr).encode(), secrets)
    assert {where: found for where, found in leaks.items() if found} == {}
    assert (tmp_path / "faculty.journal.sqlite").stat().st_mode & 0o077 == 0


def data_fingerprint(srv: PracticeServer) -> dict[str, str]:
    """sha256 of every byte of the practice Chamilo's data (database, course files, backups)."""
    root = srv.state.data_dir
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and ".pristine" not in p.parts}


# The step that ends each command (and, for those that change the site, the steps that do).
LAST_STEP = {"backup": "verify_backup", "rollover": "enrol_old_teachers", "archive": "save_intro",
             "announce": "count_learners", "unsubscribe-students": "check_no_learner_left", "grant": "check_trainer_now"}
CHANGING = {"rollover": {"submit_create_course", "submit_copy", "enrol_old_teachers"},
            "archive": {"save_settings", "save_intro"}, "announce": {"click_publish"}, "grant": {"click_register"},
            "unsubscribe-students": {"click_unsubscribe"}}


def test_a_dry_run_lists_every_step_and_changes_not_a_byte(site, env, tmp_path):
    plan = faculty.write_plan(tmp_path)
    before = data_fingerprint(site)
    done = robot(["campaign", str(plan), "--dry-run", "--json"], env, tmp_path)
    assert done.code == 0, done
    assert data_fingerprint(site) == before and site.state.requests == []
    assert not (tmp_path / "faculty.journal.sqlite").exists()
    doc = json.loads(done.stdout)
    planned = {line.split(";")[0]: line.split(";")[1].split("+") for line in faculty.PLAN.splitlines()[1:]}
    assert {c["code"]: [x["command"] for x in c["commands"]] for c in doc["courses"]} == planned
    for course in doc["courses"]:
        for command in course["commands"]:
            names = [s["name"] for s in command["steps"]]
            assert names[:3] == ["open_login_page", "fill_credentials", "submit_login"], names
            assert names[-1] == LAST_STEP[command["command"]], (course["code"], names)
            changing = {s["name"] for s in command["steps"] if s["changes_site"]}
            assert CHANGING.get(command["command"], set()) <= changing, (command["command"], changing)
    unsub = next(c for c in doc["courses"] if c["code"] == "FAC004")["commands"][2]
    assert unsub["guarded_by_backup"] is True
    unconfirmed = robot(["campaign", str(plan), "--offline-check"], env, tmp_path)  # checked, not run: no --yes
    assert unconfirmed.code == 0 and f"To run it: robot campaign {plan} --yes" in unconfirmed.stdout, unconfirmed
    assert data_fingerprint(site) == before and site.state.requests == []


def test_a_plan_with_errors_lists_them_all_and_runs_nothing(site, env, tmp_path):
    plan = tmp_path / "faculty.csv"
    plan.write_text("code,do,title,message,user,colour\n"
                    "FAC001,backup,,,,\n"
                    "FAC002,backup+frobnicate,,,,\n"       # 3: unknown command
                    "FAC003,announce,Hello,,,\n"           # 4: a required option missing
                    "FAC001,backup,,,,\n"                  # 5: the same course twice
                    "FAC004,grant,,,colleague,blue\n"      # 6: an option no command has
                    "ADMIN1,backup,,,,\n")                 # 7: a course the teacher does not teach
    done = robot(["campaign", str(plan), "--yes", "--json"], env, tmp_path)
    assert done.code == 2, done
    errors = json.loads(done.stdout)["errors"]
    assert [e["line"] for e in errors] == [3, 4, 5, 6, 7], errors
    said = [e["message"] for e in errors]
    assert "frobnicate" in said[0] and "--message" in said[1] and "twice" in said[2] and "line 2" in said[2]
    assert "colour" in said[3] and "ADMIN1" in said[4]
    for line in (3, 4, 5, 6, 7):
        assert f"faculty.csv:{line}:" in done.stderr
    st = site.state
    assert not (tmp_path / "faculty.journal.sqlite").exists() and st.backups() == []
    assert {(m, p) for m, p, _ in st.requests if m == "POST"} == {("POST", "/index.php")}  # the check's login
    assert not (tmp_path / "backups").exists()

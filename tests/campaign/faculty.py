"""A faculty's plan of ten courses mixing backup, rollover, archive, announce, unsubscribe-students
and grant (CSV, as a spreadsheet exports it), one course doomed by an injected fault, and the end
state the site and the disk must show after it — whether it ran as one process or as shards."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

from practice_server import PracticeServer

PLAN = """code;do;year;on-conflict;label;visibility;title;message;no-email;user;backup-first;no-notice
FAC001;backup;;;;;;;;;;
FAC002;rollover;2027;rename;;;;;;;;
FAC003;backup+archive;;;Archive 2025-2026;;;;;;;
FAC004;backup+announce+unsubscribe-students;;;;;End of the course;Save your work before June;yes;;;
FAC005;grant;;;;;;;;colleague;;
FAC006;announce;;;;;Exam dates;The exam is on 15 June;yes;;;
FAC007;backup;;;;;;;;;;
FAC008;backup+grant;;;;;;;;colleague;;
FAC009;unsubscribe-students;;;;;;;;;yes;yes
FAC010;archive;;;Archive 2025-2026;closed;;;;;;
"""
COURSES = [f"FAC{i:03d}" for i in range(1, 11)]
FAILING = "FAC007"
BACKED_UP = ["FAC001", "FAC002", "FAC003", "FAC004", "FAC008", "FAC009"]


def write_plan(folder: Path) -> Path:
    path = folder / "faculty.csv"
    path.write_text(PLAN, encoding="utf-8")
    return path


def arm_fault(srv: PracticeServer) -> None:
    """FAC007's backup page answers Chamilo's "database issues" page: that course fails, named."""
    srv.state.faults.add("GET", "/main/coursecopy/create_backup.php", "db_down", times=100, query="cidReq=FAC007&")


def teachers(srv: PracticeServer, code: str) -> set[str]:
    return {u["username"] for u in srv.state.course_users(code) if u["status"] == 1}


def learners(srv: PracticeServer, code: str) -> list[str]:
    return [u["username"] for u in srv.state.course_users(code) if u["status"] == 5]


def zips_of(out: Path, code: str) -> list[Path]:
    return sorted(out.rglob(f"{code}_*.zip"))


def check_end_state(srv: PracticeServer, out: Path, work: Path) -> None:
    """What the faculty plan leaves: every course's files, rows and zips (FAC007 untouched)."""
    st = srv.state
    for code in BACKED_UP:
        found = zips_of(out, code)
        assert len(found) == 1, (code, found)
        with zipfile.ZipFile(found[0]) as zf:
            assert zf.testzip() is None
            assert any(name.endswith("course_info.dat") for name in zf.namelist())
    assert zips_of(out, FAILING) == [] and not list(out.rglob("*.part"))
    # FAC002 → FAC0022027, a copy of it with nothing doubled (rename policy, an empty target)
    assert st.course("FAC0022027") is not None and "teacher" in teachers(srv, "FAC0022027")
    assert st.course_files("FAC0022027") == st.course_files("FAC002")
    assert not [p for p in st.course_files("FAC0022027") if "_1." in p]
    assert [a["title"] for a in st.announcements("FAC0022027")].count("Welcome to FAC002") == 1
    # archives
    fac003, fac010 = st.course("FAC003"), st.course("FAC010")
    assert fac003["title"] == "Faculty course 003 (Archive 2025-2026)" and "Archive 2025-2026" in fac003["intro"]
    assert (fac003["visibility"], fac003["subscribe"], fac003["unsubscribe"]) == (1, 0, 0)  # private
    assert fac010["title"] == "Cours de faculté 010 (Archive 2025-2026)"
    assert (fac010["visibility"], fac010["subscribe"], fac010["unsubscribe"]) == (0, 0, 0)  # closed
    # announcements: one each, never two
    assert [a["title"] for a in st.announcements("FAC004")].count("End of the course") == 1
    assert [a["title"] for a in st.announcements("FAC006")].count("Exam dates") == 1
    # learners out (teachers stay), their roster kept
    for code in ("FAC004", "FAC009"):
        assert learners(srv, code) == [] and "teacher" in teachers(srv, code)
        rosters = sorted((work / "rosters").glob(f"{code}_*.csv"))
        assert len(rosters) == 1 and len(rosters[0].read_text().strip().splitlines()) == 1 + 3
    # teacher rights
    assert "colleague" in teachers(srv, "FAC005") and "colleague" in teachers(srv, "FAC008")
    # the failing course: nothing changed
    assert learners(srv, FAILING) and st.course(FAILING)["title"] == "Faculty course 007"
    # courses nobody planned anything for: untouched
    assert learners(srv, "FAC011") and st.course("FAC011")["title"] == "Faculty course 011"


def check_report(report_json: Path) -> dict:
    """Every course once; FAC007 failed with its diagnosis and screenshot; the others ok."""
    doc = json.loads(report_json.read_text())
    codes = [c["code"] for c in doc["courses"]]
    assert sorted(codes) == COURSES, codes
    status = {c["code"]: c["status"] for c in doc["courses"]}
    assert status.pop(FAILING) == "failed" and set(status.values()) == {"ok"}, status
    failed = next(c for c in doc["courses"] if c["code"] == FAILING)["commands"][0]
    error = failed["error"]
    assert "database" in error["message"] and error["step"] == "click_create_backup" and error["hint"]
    assert error["screenshots"] and all(Path(p).is_file() and Path(p).stat().st_size > 0 for p in error["screenshots"])
    assert doc["totals"] == {"courses": 10, "ok": 9, "failed": 1, "interrupted": 0, "not_run": 0}
    html = report_json.with_suffix(".html").read_text()
    assert all(code in html for code in COURSES) and "<script>" in html  # sortable, inline
    assert 'src="http' not in html and "<link" not in html and "@import" not in html  # no network
    return doc

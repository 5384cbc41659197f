"""A plan split in three shards run as three processes (as a Kubernetes Indexed Job or a CI matrix
would), then `robot campaign merge`: every course done by exactly one shard, one report, the failing
course named in it; merging a missing or a doubled shard is refused. (What each command leaves on the
site is the faculty test's, test_campaign.py: here the courses are backed up only.)"""
from __future__ import annotations

import json
import zipfile

from robot.campaign.shards import shard_of

from . import faculty
from .conftest import robot, start_robot

COURSES = ["FAC001", "FAC002", "FAC003", "FAC007", "FAC008", "FAC010"]  # FAC007 fails (faculty.arm_fault)


def test_three_shard_processes_then_merge(site, env, tmp_path):
    """Every command has its own `out` (the plan's): no stray ROBOT_OUT folder is left behind; each
    shard's report is named after the plan and the shard."""
    plan = tmp_path / "backups.csv"
    plan.write_text("code;do;out\n" + "".join(f"{code};backup;{tmp_path / 'zips'}\n" for code in COURSES),
                    encoding="utf-8")
    faculty.arm_fault(site)
    journals = [tmp_path / f"shard-{k}.sqlite" for k in range(3)]
    procs = [start_robot(["campaign", str(plan), "--yes", "--offline-check", "--workers", "1", "--shard", f"{k}/3",
                          "--journal", str(journals[k])], env, tmp_path, tmp_path / f"shard-{k}.log")
             for k in range(3)]
    codes = [p.wait(280) for p in procs]
    failing = shard_of(faculty.FAILING, 3)
    assert codes == [6 if k == failing else 0 for k in range(3)], [(tmp_path / f"shard-{k}.log").read_text()[-3000:]
                                                                 for k in range(3)]
    for k, journal in enumerate(journals):  # each shard did its own courses only
        report = json.loads((tmp_path / f"backups-shard-{k}-of-3-report.json").read_text())
        assert sorted(c["code"] for c in report["courses"]) == [c for c in COURSES if shard_of(c, 3) == k]
    assert {shard_of(c, 3) for c in COURSES} == {0, 1, 2}, "the plan must give every shard some work"

    merged = robot(["campaign", "merge", *map(str, journals), "--report", str(tmp_path / "merged")], env, tmp_path)
    assert merged.code == 6, merged  # one course failed
    doc = json.loads((tmp_path / "merged.json").read_text())
    status = {c["code"]: c["status"] for c in doc["courses"]}
    assert sorted(status) == COURSES and status.pop(faculty.FAILING) == "failed" and set(status.values()) == {"ok"}
    assert doc["totals"] == {"courses": 6, "ok": 5, "failed": 1, "interrupted": 0, "not_run": 0}
    assert not (tmp_path / "backups").exists()  # ROBOT_OUT: every command had its own out
    for code in COURSES:  # one verified zip per course backed up, none for the failing one
        found = faculty.zips_of(tmp_path / "zips", code)
        assert len(found) == (0 if code == faculty.FAILING else 1), (code, found)
        for path in found:
            with zipfile.ZipFile(path) as zf:
                assert zf.testzip() is None
    assert not list((tmp_path / "zips").rglob("*.part"))

    missing = robot(["campaign", "merge", str(journals[0]), str(journals[1])], env, tmp_path)
    assert missing.code == 2 and "in no journal" in missing.stderr, missing
    doubled = robot(["campaign", "merge", *map(str, journals), str(journals[1])], env, tmp_path)
    assert doubled.code == 2 and "is in 2 journals" in doubled.stderr, doubled

"""The faculty plan split in three shards run as three processes (as a Kubernetes Indexed Job or a CI
matrix would), then `robot campaign merge`: the same end state as one run, one report, every course
once; merging a missing or a doubled shard is refused."""
from __future__ import annotations

import json

from robot.campaign.shards import shard_of

from . import faculty
from .conftest import robot, start_robot


def test_three_shard_processes_then_merge(site, env, tmp_path):
    plan = faculty.write_plan(tmp_path)
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
        report = json.loads((tmp_path / f"shard-{k}-report.json").read_text())
        assert sorted(c["code"] for c in report["courses"]) == [c for c in faculty.COURSES if shard_of(c, 3) == k]

    merged = robot(["campaign", "merge", *map(str, journals), "--report", str(tmp_path / "faculty-merged")],
                   env, tmp_path)
    assert merged.code == 6, merged  # one course failed
    faculty.check_end_state(site, tmp_path / "backups", tmp_path)
    faculty.check_report(tmp_path / "faculty-merged.json")

    missing = robot(["campaign", "merge", str(journals[0]), str(journals[1])], env, tmp_path)
    assert missing.code == 2 and "in no journal" in missing.stderr, missing
    doubled = robot(["campaign", "merge", *map(str, journals), str(journals[1])], env, tmp_path)
    assert doubled.code == 2 and "is in 2 journals" in doubled.stderr, doubled

"""robot campaign: many courses from one plan file, one report, exit 6 when some fail."""
from __future__ import annotations

import json
from pathlib import Path

from tests.robot_run import run_robot


def write_plan(path, text):
    path.write_text(text)
    return path


def test_a_campaign_backs_up_each_course_and_reports_a_failure(practice_server, robot_env, tmp_path):
    plan = write_plan(tmp_path / "plan.toml", f'''
[defaults]
out = "{tmp_path / 'campaign-out'}"

[[course]]
code = "DEMO101"
do = ["backup"]

[[course]]
code = "NOPE404"
do = ["backup"]

[[course]]
code = "HIST2026"
do = ["backup"]
items = ["documents"]
''')
    result = run_robot(["campaign", str(plan), "--yes", "--json"], robot_env)
    assert result.code == 6, result
    doc = result.json()
    statuses = [(r["course"], r["status"], r["exit_code"]) for r in doc["runs"]]
    assert statuses == [("DEMO101", "ok", 0), ("NOPE404", "failed", 3), ("HIST2026", "ok", 0)]
    zips = sorted(p.name.split("_")[0] for p in (tmp_path / "campaign-out").glob("*.zip"))
    assert zips == ["DEMO101", "HIST2026"]
    report = json.loads(Path(doc["report"]).with_suffix(".json").read_text())
    assert [r["status"] for r in report["runs"]] == ["ok", "failed", "ok"]
    assert "teacher" not in json.dumps(report["runs"][0]["argv"])  # no credentials in the report


def test_a_plan_needs_yes_and_valid_commands(practice_server, robot_env, tmp_path):
    plan = write_plan(tmp_path / "plan.toml", '[[course]]\ncode = "DEMO101"\ndo = ["backup"]\n')
    assert run_robot(["campaign", str(plan)], robot_env).code == 2
    bad = write_plan(tmp_path / "bad.toml", '[[course]]\ncode = "DEMO101"\ndo = ["frobnicate"]\n')
    result = run_robot(["campaign", str(bad), "--yes"], robot_env)
    assert result.code == 2 and "frobnicate" in result.stderr
    broken = write_plan(tmp_path / "broken.toml", '[[course]\n')
    assert run_robot(["campaign", str(broken), "--yes"], robot_env).code == 2
    dry = run_robot(["campaign", str(plan), "--dry-run", "--json"], robot_env)
    assert dry.code == 0, dry
    assert practice_server.state.requests == []

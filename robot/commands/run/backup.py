"""robot backup --course X: the guide's first step, a verified .zip of the course."""
from __future__ import annotations

import argparse

from flows import backup as backup_flow
from flows import restore as restore_flow
from flows.login import LOGIN_STEPS
from robot.config import Config
from robot.engine.run import RunOutcome
from robot.errors import UsageError
from robot.output import human_size
from robot.storage import check_output_dir, expected_size

from ..backup import NAME
from ..context import Context
from .common import CommandPlan, Summary, config_from, course_code, knowledge, run_plan, site_of


def params_from(args: argparse.Namespace, config) -> backup_flow.BackupParams:
    items = tuple(i for i in (args.items or "").split(",") if i.strip())
    params = backup_flow.BackupParams(site=site_of(config), course=course_code(args.course),
                                      out=config.out, items=items, download_timeout=config.long_timeout,
                                      max_course_info=config.max_course_info_mb * 1024 * 1024)
    backup_flow.resolve_items(knowledge(), items)  # unknown names fail before the browser starts
    if getattr(args, "prove_restore", None):
        if items:
            raise UsageError("--prove-restore proves a full backup: drop --items")
        params.extra["prove"] = restore_flow.ProofParams(scratch=course_code(args.prove_restore))
    return params


def steps_of(params: backup_flow.BackupParams) -> list:
    """The backup's steps; with --prove-restore the scratch course is checked first (right after the
    login: a refusal costs no backup) and the proof's steps follow the backup's."""
    steps = backup_flow.steps(knowledge(), params)
    if "prove" not in params.extra:
        return steps
    n = sum(1 for st in steps[:len(LOGIN_STEPS)] if st in LOGIN_STEPS)
    return steps[:n] + [restore_flow.check_scratch_empty] + steps[n:] + restore_flow.proof_steps()


def proof_lines(proof: dict | None) -> list[str]:
    if proof is None:
        return []
    files = proof["files"]
    arrived = files["added"] + files["renamed"] + files["overwritten"]
    items = sum(c["zip"] for name, c in proof["items"].items() if name != "documents")
    state = "proven" if proof["proven"] else "NOT proven"
    emptied = "emptied again" if proof["scratch_emptied"] else "NOT emptied"
    return [f"  restore  {state}: imported into {proof['scratch']} ({proof['imported_from']}), {arrived} file(s) "
            f"and {items} item(s) arrived; {proof['scratch']} {emptied}"]


def plan(args: argparse.Namespace, config: Config) -> CommandPlan:
    params = params_from(args, config)

    def summarise(outcome: RunOutcome) -> Summary:
        report = outcome.data["backup"]
        return Summary([f"Backup of {params.course} saved and verified:",
                        f"  file     {report.path}",
                        f"  size     {human_size(report.size)} ({report.size} bytes)",
                        f"  sha256   {report.sha256}",
                        "  content  " + report.content_line(),
                        *(f"  warning  {g.message}" for g in report.gaps),
                        *proof_lines(restore_flow.proof_summary(outcome.data)),
                        f"  took     {outcome.duration:.1f} s"],
                       {**report.as_dict(), "course": params.course, "seconds": round(outcome.duration, 3),
                        **({"restore_proof": restore_flow.proof_summary(outcome.data)} if "prove" in params.extra
                           else {}),
                        **outcome.summary()})

    scratch = (params.extra["prove"].scratch,) if "prove" in params.extra else ()
    return CommandPlan(NAME, params.course, steps_of(params), params, summarise, lock_courses=scratch,
                       before=lambda: check_output_dir(params.out, expected_size(params.out, f"{params.course}_*.zip")),
                       downloads=params.out / ".robot-downloads", dry_fields={"course": params.course})


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    return run_plan(ctx, args, config, plan(args, config))

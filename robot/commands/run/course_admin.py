"""What the keep / close / hand-over commands share (issue 4): the backup guard of the destructive
ones (--backup-first, --backup FILE), and running a flow with its backup folder ready.

Destructive commands (empty, delete, unsubscribe-students) refuse — exit 2, nothing changed — unless
the same run first makes and verifies a backup of the course (--backup-first: the backup flow's steps
in the same browser session) or a backup .zip of that course is given (--backup FILE: its
course_info.dat must name the course, and the archive is verified again).
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from flows import backup as backup_flow
from flows.archive import verify_backup
from flows.course_admin import CourseAdminParams
from robot.engine.run import RunOutcome
from robot.engine.steps import Step
from robot.errors import UsageError, VerificationError
from robot.storage import check_output_dir, expected_size
from robot.texts import Say

from .common import knowledge

REFUSAL = ("refusing to {what} without a verified backup of {code}: add --backup-first (back it up in this "
           "run) or --backup FILE (a backup .zip of this course); nothing was changed")


def verified_backup(path_text: str, code: str):
    """--backup FILE: the archive of this course, verified again (else UsageError: nothing changes)."""
    path = Path(path_text).expanduser()
    if not path.is_file():
        raise UsageError(f"--backup {path}: no such file; nothing was changed")
    try:
        return verify_backup(path, expected_course=code)
    except VerificationError as err:
        raise UsageError(f"--backup {path} is not a verified backup of {code}: {err.message}; nothing was changed") from None


def guard(args: argparse.Namespace, params: CourseAdminParams, what: str, *, dry_run: bool) -> list[Step]:
    """Apply --backup / --backup-first to ``params``; the backup steps to run first (if any).
    Without either, refuse (a dry run only notes it)."""
    params.needs_backup = True
    if args.backup and args.backup_first:
        raise UsageError("give --backup FILE or --backup-first, not both")
    if args.backup:
        params.backup_report = verified_backup(args.backup, params.course)
        return []
    if args.backup_first:
        return backup_flow.steps(knowledge(), params)
    if dry_run:
        return []
    raise UsageError(REFUSAL.format(what=what, code=params.course))


def dry_run_notes(args: argparse.Namespace) -> list[str]:
    if getattr(args, "backup", None) is None and not getattr(args, "backup_first", True):
        return ["(without --backup-first or --backup FILE the real run would refuse: no verified backup of the course)"]
    return []


def backup_folder(params: CourseAdminParams, backup_first: bool) -> dict[str, Any]:
    """CommandPlan fields of a run that backs the course up first: the output folder checked, a
    private download folder."""
    if not backup_first:
        return {}
    return {"before": lambda: check_output_dir(params.out, expected_size(params.out, f"{params.course}_*.zip"),
                                               group_readable=params.group_readable),
            "downloads": params.out / ".robot-downloads"}


def backup_summary(outcome: RunOutcome, params: CourseAdminParams, say: Say | None = None) -> tuple[list[str], dict]:
    """Which backup guarded the run: a line to say (in ``say``'s language), and the --json field."""
    say = say or Say("en")
    report = outcome.data.get("guard_backup") or outcome.data.get("backup") or params.backup_report
    if report is None:
        return [], {}
    made = (say("made and verified in this run", "faite et vérifiée pendant cette exécution")
            if outcome.data.get("backup") else say("given, verified again", "fournie, vérifiée à nouveau"))
    width = 9 if say.lang == "en" else 12
    note = backup_flow.backups_note(outcome.data, say)
    return ([say.row("backup", "sauvegarde", f"{report.path} ({made}, sha256 {report.sha256[:16]}…)", width)]
            + ([say.row("", "", note, width)] if note else []),
            {"backup": {"path": str(report.path), "sha256": report.sha256,
                        "made_in_this_run": bool(outcome.data.get("backup")),
                        "backups_made": backup_flow.backups_made(outcome.data)}})

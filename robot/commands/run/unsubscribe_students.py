"""robot unsubscribe-students --course X: every learner out (teachers stay), after a warning
announcement and a verified backup; the roster is saved first.  --restore ROSTER subscribes them back."""
from __future__ import annotations

import argparse
from pathlib import Path

from flows import unsubscribe as unsub_flow
from robot.errors import UsageError

from ..unsubscribe_students import NAME
from ..context import Context
from .common import config_from, confirm, course_code, knowledge, print_plan, run_steps, site_of
from .course_admin import backup_lines, dry_run_plan, guard, run_with_backup_folder


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    code = course_code(args.course)
    if args.restore:
        return _restore(args, ctx, config, code)
    if args.notice_days < 0:
        raise UsageError("--notice-days must be 0 or more")
    roster = Path(args.roster) if args.roster else unsub_flow.default_roster(code)
    if roster.exists():
        raise UsageError(f"the roster {roster} already exists; choose another --roster")
    params = unsub_flow.UnsubscribeParams(site=site_of(config), course=code, out=config.out,
                                          download_timeout=config.long_timeout, roster=roster,
                                          notice_days=args.notice_days, check_notice=not args.no_notice)
    k = knowledge()
    backup_steps = guard(args, params, "unsubscribe the learners", dry_run=args.dry_run)
    steps = unsub_flow.steps(k, params, backup_steps=backup_steps)
    if args.dry_run:
        return dry_run_plan(ctx, args, NAME, steps, config.lang, course=code, roster=str(roster))
    confirm(ctx, args, f"Unsubscribe every learner of {code} on {config.url} (teachers stay; the list is saved "
                       f"to {roster} first)?")
    outcome = run_with_backup_folder(config, steps, params, f"{NAME}-{code}", args.backup_first)
    rows = outcome.data.get("roster_rows") or []
    out = ctx.output
    if not rows:
        out.line(f"Course {code} has no learners: nothing to do.")
    else:
        out.line(f"{len(rows)} learner(s) unsubscribed from {code}; teachers kept.")
        out.line(f"  roster   {roster.resolve()}")
        if outcome.data.get("export_problem"):
            out.line(f"  note     the CSV export failed ({outcome.data['export_problem']}): e-mails are missing")
    notice = outcome.data.get("notice")
    if notice:
        out.line(f"  warned   “{notice.title}” ({notice.shown})")
    extra = backup_lines(ctx, outcome, params)
    out.line(f"  took     {outcome.duration:.1f} s")
    out.document(NAME, True, course=code, unsubscribed=len(rows), roster=str(roster.resolve()) if rows else None,
                 notice={"title": notice.title, "date": notice.shown} if notice else None,
                 seconds=round(outcome.duration, 3), **outcome.summary(), **extra)
    return 0


def _restore(args: argparse.Namespace, ctx: Context, config, code: str) -> int:
    rows = unsub_flow.read_roster(Path(args.restore))
    params = unsub_flow.UnsubscribeParams(site=site_of(config), course=code, restore_rows=rows, check_notice=False)
    k = knowledge()
    steps = unsub_flow.restore_steps(k, params)
    if args.dry_run:
        return print_plan(ctx, NAME, steps, config.lang, k, course=code, restore=args.restore, learners=len(rows))
    outcome = run_steps(config, steps, params, run_name=f"{NAME}-restore-{code}")
    done = outcome.data.get("restored", [])
    skipped = outcome.data.get("not_restored", {})
    out = ctx.output
    out.line(f"{len(done)} of {len(rows)} learner(s) of {args.restore} subscribed back to {code}.")
    for login, why in skipped.items():
        out.line(f"  not restored  {login}: {why}")
    out.line(f"  took     {outcome.duration:.1f} s")
    out.document(NAME, True, course=code, restored=done, not_restored=skipped, seconds=round(outcome.duration, 3),
                 **outcome.summary())
    return 0

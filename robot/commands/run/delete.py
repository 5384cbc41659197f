"""robot delete --course X: Maintenance → Completely delete this course (after a verified backup)."""
from __future__ import annotations

import argparse

from flows import delete as delete_flow

from ..delete import NAME
from ..context import Context
from .common import config_from, confirm, course_code, knowledge, site_of
from .course_admin import backup_lines, dry_run_plan, guard, run_with_backup_folder


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    k = knowledge()
    params = delete_flow.DeleteParams(site=site_of(config), course=course_code(args.course), out=config.out,
                                      download_timeout=config.long_timeout)
    backup_steps = guard(args, params, "delete the course", dry_run=args.dry_run)
    steps = delete_flow.steps(k, params, backup_steps=backup_steps)
    if args.dry_run:
        return dry_run_plan(ctx, args, NAME, steps, config.lang, course=params.course)
    confirm(ctx, args, f"Delete course {params.course} from {config.url} for good (its content and its members' "
                       "subscriptions; this cannot be undone)?")
    outcome = run_with_backup_folder(config, steps, params, f"{NAME}-{params.course}", args.backup_first)
    out = ctx.output
    out.line(f"Course {params.course} deleted: {outcome.data.get('result', '')}")
    extra = backup_lines(ctx, outcome, params)
    out.line(f"  took     {outcome.duration:.1f} s")
    out.document(NAME, True, course=params.course, message=outcome.data.get("result"),
                 seconds=round(outcome.duration, 3), **outcome.summary(), **extra)
    return 0

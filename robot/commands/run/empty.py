"""robot empty --course X [--items …]: Maintenance → Empty this course (after a verified backup)."""
from __future__ import annotations

import argparse

from flows import backup as backup_flow
from flows import empty as empty_flow

from ..empty import NAME
from ..context import Context
from .common import config_from, confirm, course_code, knowledge, site_of
from .course_admin import backup_lines, dry_run_plan, guard, run_with_backup_folder


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    k = knowledge()
    items = tuple(i.strip() for i in (args.items or "").split(",") if i.strip())
    backup_flow.resolve_items(k, items)  # unknown names fail before the browser starts
    params = empty_flow.EmptyParams(site=site_of(config), course=course_code(args.course), out=config.out,
                                    download_timeout=config.long_timeout, recycle_items=items,
                                    official_code=(args.official_code or "").strip())
    backup_steps = guard(args, params, "empty the course", dry_run=args.dry_run)
    steps = empty_flow.steps(k, params, backup_steps=backup_steps)
    what = "everything" if not items else ", ".join(items)
    if args.dry_run:
        return dry_run_plan(ctx, args, NAME, steps, config.lang, course=params.course, items=list(items) or "all")
    confirm(ctx, args, f"Empty course {params.course} on {config.url} ({what}; this cannot be undone)?")
    outcome = run_with_backup_folder(config, steps, params, f"{NAME}-{params.course}", args.backup_first)
    out = ctx.output
    already = bool(outcome.data.get("already_empty"))
    out.line(f"Course {params.course} was already empty: {outcome.data.get('result', '')}" if already
             else f"Course {params.course} emptied ({what}): {outcome.data.get('result', '')}")
    extra = backup_lines(ctx, outcome, params)
    out.line(f"  took     {outcome.duration:.1f} s")
    out.document(NAME, True, course=params.course, items=list(items) or "all", message=outcome.data.get("result"),
                 already_empty=already,
                 ticked=outcome.data.get("ticked"), seconds=round(outcome.duration, 3), **outcome.summary(),
                 **extra)
    return 0

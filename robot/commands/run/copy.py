"""robot copy --from MATHS --to MATHS2027 --on-conflict skip|rename|overwrite [--items …]."""
from __future__ import annotations

import argparse

from flows import backup as backup_flow
from flows import copy_course as copy_flow
from robot.errors import UsageError

from ..copy import CONFLICT_HELP, NAME
from ..context import Context
from .common import config_from, confirm, course_code, knowledge, print_plan, run_steps, site_of


def params_from(args: argparse.Namespace, config) -> copy_flow.CopyParams:
    source, destination = course_code(args.source), course_code(args.destination)
    if source == destination:
        raise UsageError(f"--from and --to are the same course ({source})")
    items = tuple(i.strip() for i in (args.items or "").split(",") if i.strip())
    backup_flow.resolve_items(knowledge(), items)  # unknown names fail before the browser starts
    return copy_flow.CopyParams(site=site_of(config), course=source, destination=destination,
                                policy=args.policy, items=items)


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    params = params_from(args, config)
    k = knowledge()
    steps = copy_flow.steps(k, params)
    if args.dry_run:
        return print_plan(ctx, NAME, steps, config.lang, k, source=params.course, destination=params.destination,
                          policy=params.policy)
    what = "everything" if not params.items else ", ".join(params.items)
    confirm(ctx, args, f"Copy {what} from {params.course} into {params.destination} on {config.url} "
                       f"(same file names: {params.policy} — {CONFLICT_HELP[params.policy]})?")
    outcome = run_steps(config, steps, params, run_name=f"{NAME}-{params.course}",
                        lock_courses=(params.destination,))
    report = outcome.data["copy_report"]
    out = ctx.output
    for line in report.lines():
        out.line(line)
    out.line(f"  took {outcome.duration:.1f} s")
    out.document(NAME, True, **report.as_dict(), items=list(params.items) or "all",
                 target_chosen_by=outcome.data.get("target_chosen_by"),
                 seconds=round(outcome.duration, 3),
                 **outcome.summary())
    return 0

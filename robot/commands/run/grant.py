"""robot grant --course X --user jdoe: teacher rights for a colleague (Users → Trainers → Enroll)."""
from __future__ import annotations

import argparse

from flows import teachers as teachers_flow
from robot.errors import UsageError

from ..grant import NAME
from ..context import Context
from .common import config_from, course_code, knowledge, print_plan, run_steps, site_of


def params_from(args: argparse.Namespace, config) -> teachers_flow.TeacherParams:
    user = args.user.strip()
    if not user or any(c.isspace() for c in user):
        raise UsageError(f"{args.user!r} is not a username")
    return teachers_flow.TeacherParams(site=site_of(config), course=course_code(args.course), user=user)


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    params = params_from(args, config)
    k = knowledge()
    steps = teachers_flow.grant_steps(k, params)
    if args.dry_run:
        return print_plan(ctx, NAME, steps, config.lang, k, course=params.course, user=params.user)
    outcome = run_steps(config, steps, params, run_name=f"{NAME}-{params.course}")
    already = bool(outcome.data.get("already"))
    out = ctx.output
    out.line(f"{params.user} {'was already' if already else 'is now'} a trainer of {params.course}.")
    out.line(f"  took     {outcome.duration:.1f} s")
    out.document(NAME, True, course=params.course, user=params.user, changed=not already,
                 teachers=outcome.data.get("teachers_after") or outcome.data.get("teachers_before"),
                 seconds=round(outcome.duration, 3), **outcome.summary())
    return 0

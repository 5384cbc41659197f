"""robot revoke --course X --user jdoe: remove a colleague's teacher rights (Users → Trainers → Unsubscribe)."""
from __future__ import annotations

import argparse

from flows import teachers as teachers_flow

from ..revoke import NAME
from ..context import Context
from .common import config_from, knowledge, print_plan, run_steps
from .grant import params_from


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    params = params_from(args, config)
    k = knowledge()
    steps = teachers_flow.revoke_steps(k, params)
    if args.dry_run:
        return print_plan(ctx, NAME, steps, config.lang, k, course=params.course, user=params.user)
    outcome = run_steps(config, steps, params, run_name=f"{NAME}-{params.course}")
    was = not outcome.data.get("not_teacher")
    out = ctx.output
    out.line(f"{params.user} is no longer a trainer of {params.course}." if was
             else f"{params.user} was not a trainer of {params.course}: nothing to do.")
    out.line(f"  took     {outcome.duration:.1f} s")
    out.document(NAME, True, course=params.course, user=params.user, changed=was,
                 teachers=outcome.data.get("teachers_after"), seconds=round(outcome.duration, 3),
                 **outcome.summary())
    return 0

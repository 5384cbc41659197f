"""robot revoke --course X --user jdoe: remove a colleague's teacher rights (Users → Trainers → Unsubscribe)."""
from __future__ import annotations

import argparse

from flows import teachers as teachers_flow
from robot.config import Config
from robot.engine.run import RunOutcome

from ..revoke import NAME
from ..context import Context
from .common import CommandPlan, Summary, config_from, knowledge, run_plan
from .grant import params_from


def plan(args: argparse.Namespace, config: Config) -> CommandPlan:
    params = params_from(args, config)

    def summarise(outcome: RunOutcome) -> Summary:
        was = not outcome.data.get("not_teacher")
        return Summary([f"{params.user} is no longer a trainer of {params.course}." if was
                        else f"{params.user} was not a trainer of {params.course}: nothing to do.",
                        f"  took     {outcome.duration:.1f} s"],
                       dict(course=params.course, user=params.user, changed=was,
                            teachers=outcome.data.get("teachers_after"), seconds=round(outcome.duration, 3),
                            **outcome.summary()))

    return CommandPlan(NAME, params.course, teachers_flow.revoke_steps(knowledge(), params), params, summarise,
                       dry_fields={"course": params.course, "user": params.user})


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    return run_plan(ctx, args, config, plan(args, config))

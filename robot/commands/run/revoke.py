"""robot revoke --course X --user jdoe: remove a colleague's teacher rights (Users → Trainers → Unsubscribe)."""
from __future__ import annotations

import argparse

from flows import teachers as teachers_flow
from robot.config import Config
from robot.engine.run import RunOutcome
from robot.texts import Say

from ..revoke import NAME
from ..context import Context
from .common import CommandPlan, Summary, config_from, knowledge, run_plan
from .grant import params_from


def plan(args: argparse.Namespace, config: Config) -> CommandPlan:
    params = params_from(args, config)
    say = Say(config.lang)

    def summarise(outcome: RunOutcome) -> Summary:
        was = not outcome.data.get("not_teacher")
        return Summary([say("{user} is no longer a trainer of {course}.", "{user} n'est plus enseignant de {course}.",
                            user=params.user, course=params.course) if was
                        else say("{user} was not a trainer of {course}: nothing to do.",
                                 "{user} n'était pas enseignant de {course} : rien à faire.",
                                 user=params.user, course=params.course),
                        say.took(outcome.duration)],
                       dict(course=params.course, user=params.user, changed=was,
                            teachers=outcome.data.get("teachers_after"), seconds=round(outcome.duration, 3),
                            **outcome.summary()))

    return CommandPlan(NAME, params.course, teachers_flow.revoke_steps(knowledge(), params), params, summarise,
                       dry_fields={"course": params.course, "user": params.user})


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    return run_plan(ctx, args, config, plan(args, config))

"""robot grant --course X --user jdoe: teacher rights for a colleague (Users → Trainers → Enroll)."""
from __future__ import annotations

import argparse

from flows import teachers as teachers_flow
from robot.config import Config
from robot.engine.run import RunOutcome
from robot.texts import Say
from robot.errors import UsageError

from ..grant import NAME
from ..context import Context
from .common import CommandPlan, Summary, config_from, course_code, knowledge, run_plan, site_of


def params_from(args: argparse.Namespace, config) -> teachers_flow.TeacherParams:
    user = args.user.strip()
    if not user or any(c.isspace() for c in user):
        raise UsageError(f"{args.user!r} is not a username")
    return teachers_flow.TeacherParams(site=site_of(config), course=course_code(args.course), user=user)


def plan(args: argparse.Namespace, config: Config) -> CommandPlan:
    params = params_from(args, config)
    say = Say(config.lang)

    def summarise(outcome: RunOutcome) -> Summary:
        already = bool(outcome.data.get("already"))
        return Summary([say("{user} was already a trainer of {course}.", "{user} était déjà enseignant de {course}.",
                            user=params.user, course=params.course) if already else
                        say("{user} is now a trainer of {course}.", "{user} est maintenant enseignant de {course}.",
                            user=params.user, course=params.course),
                        say.took(outcome.duration)],
                       dict(course=params.course, user=params.user, changed=not already,
                            teachers=outcome.data.get("teachers_after") or outcome.data.get("teachers_before"),
                            seconds=round(outcome.duration, 3), **outcome.summary()))

    return CommandPlan(NAME, params.course, teachers_flow.grant_steps(knowledge(), params), params, summarise,
                       dry_fields={"course": params.course, "user": params.user})


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    return run_plan(ctx, args, config, plan(args, config))

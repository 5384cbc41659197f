"""robot handover --course X --to USER [--leave]: flows/teachers.py's grant steps, then leaving."""
from __future__ import annotations

import argparse

from flows import teachers as teachers_flow
from robot.config import Config
from robot.engine.run import RunOutcome
from robot.errors import UsageError

from ..context import Context
from ..handover import NAME
from .common import CommandPlan, Summary, config_from, course_code, knowledge, run_plan, site_of


def params_from(args: argparse.Namespace, config: Config) -> teachers_flow.HandoverParams:
    user = args.to.strip()
    if not user or any(c.isspace() for c in user):
        raise UsageError(f"--to {args.to!r} is not a username")
    if user == config.username:
        raise UsageError(f"--to {user}: that is you; hand the course over to a colleague"
                         + (" (leaving would leave it with no teacher)" if args.leave else ""))
    return teachers_flow.HandoverParams(site=site_of(config), course=course_code(args.course), user=user,
                                        leave=args.leave)


def plan(args: argparse.Namespace, config: Config) -> CommandPlan:
    params = params_from(args, config)

    def summarise(outcome: RunOutcome) -> Summary:
        data = outcome.data
        already = bool(data.get("already"))
        left = data.get("left")
        teachers = data.get("teachers_after") or data.get("teachers_before")
        lines = [f"{params.course} handed over: {params.user} {'was already' if already else 'is now'} a teacher."]
        if params.leave:
            lines.append(f"  you      {config.username} " + ("left the course" if left else
                                                              "were not a teacher of it: nothing to leave"))
        lines += [f"  teachers {', '.join(teachers or [])}", f"  took     {outcome.duration:.1f} s"]
        return Summary(lines, dict(course=params.course, to=params.user, granted=not already, left=left,
                                   teachers=teachers, seconds=round(outcome.duration, 3), **outcome.summary()))

    leave = f", then remove {config.username}'s own teacher rights" if params.leave else ""
    return CommandPlan(NAME, params.course, teachers_flow.handover_steps(knowledge(), params), params, summarise,
                       question=f"Hand {params.course} over to {params.user} on {config.url}{leave}?",
                       dry_fields={"course": params.course, "to": params.user, "leave": params.leave})


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    return run_plan(ctx, args, config, plan(args, config))

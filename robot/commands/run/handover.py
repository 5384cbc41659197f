"""robot handover --course X --to USER [--leave]: flows/teachers.py's grant steps, then leaving."""
from __future__ import annotations

import argparse

from flows import teachers as teachers_flow
from robot.config import Config
from robot.engine.run import RunOutcome
from robot.errors import UsageError
from robot.texts import Say

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

    say = Say(config.lang)

    def summarise(outcome: RunOutcome) -> Summary:
        data = outcome.data
        already = bool(data.get("already"))
        left = data.get("left")
        teachers = data.get("teachers_after") or data.get("teachers_before")
        lines = [say("{course} handed over: {user} was already a teacher.", "{course} confié : {user} était déjà "
                     "enseignant.", course=params.course, user=params.user) if already else
                 say("{course} handed over: {user} is now a teacher.", "{course} confié : {user} est maintenant "
                     "enseignant.", course=params.course, user=params.user)]
        if params.leave:
            lines.append(say.row("you", "vous", f"{config.username} " + (
                say("left the course", "avez quitté le cours") if left else
                say("were not a teacher of it: nothing to leave", "n'en étiez pas enseignant : rien à quitter"))))
        lines += [say.row("teachers", "enseignants", ", ".join(teachers or []), 12), say.took(outcome.duration)]
        return Summary(lines, dict(course=params.course, to=params.user, granted=not already, left=left,
                                   teachers=teachers, seconds=round(outcome.duration, 3), **outcome.summary()))

    question = (say("Hand {course} over to {user} on {url}, then remove {me}'s own teacher rights?",
                    "Confier {course} à {user} sur {url}, puis retirer à {me} ses propres droits d'enseignant ?",
                    course=params.course, user=params.user, url=config.url, me=config.username) if params.leave else
                say("Hand {course} over to {user} on {url}?", "Confier {course} à {user} sur {url} ?",
                    course=params.course, user=params.user, url=config.url))
    return CommandPlan(NAME, params.course, teachers_flow.handover_steps(knowledge(), params), params, summarise,
                       question=question, dry_fields={"course": params.course, "to": params.user, "leave": params.leave})


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    return run_plan(ctx, args, config, plan(args, config))

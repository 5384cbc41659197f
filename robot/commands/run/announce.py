"""robot announce --course X --title … --message … [--no-email]: Announcements → add, to everyone."""
from __future__ import annotations

import argparse

from flows import announce as announce_flow
from robot.config import Config
from robot.engine.run import RunOutcome
from robot.errors import UsageError

from ..announce import NAME
from ..context import Context
from .common import CommandPlan, Summary, config_from, course_code, knowledge, run_plan, site_of


def plan(args: argparse.Namespace, config: Config) -> CommandPlan:
    title = " ".join(args.title.split())
    message = args.message.replace("\\n", "\n").strip()
    if not title or not message:
        raise UsageError("--title and --message must not be empty")
    params = announce_flow.AnnounceParams(site=site_of(config), course=course_code(args.course), title=title,
                                          message=message, email=not args.no_email)

    def summarise(outcome: RunOutcome) -> Summary:
        item = outcome.data["announcement"]
        email = bool(outcome.data.get("email", params.email))
        learners = outcome.data.get("learners")
        warning = announce_flow.no_learner_warning(params, learners)
        return Summary([f"Announcement “{title}” posted in {params.course} ({item.shown}):",
                        f"  sent to     {outcome.data.get('recipients', '')}",
                        f"  learners    {learners if learners is not None else '?'}",
                        f"  by e-mail   {'yes' if email else 'no'}",
                        *([f"  WARNING     {warning}"] if warning else []),
                        f"  took        {outcome.duration:.1f} s"],
                       dict(course=params.course, title=title, email=email, date=item.shown,
                            recipients=outcome.data.get("recipients"), learners=learners,
                            warnings=[warning] if warning else [], seconds=round(outcome.duration, 3),
                            **outcome.summary()))

    return CommandPlan(NAME, params.course, announce_flow.steps(knowledge(), params), params, summarise,
                       dry_fields={"course": params.course, "title": title, "email": params.email})


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    return run_plan(ctx, args, config, plan(args, config))

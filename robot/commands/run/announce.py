"""robot announce --course X --title … --message … [--no-email]: Announcements → add, to everyone."""
from __future__ import annotations

import argparse

from flows import announce as announce_flow
from robot.config import Config
from robot.engine.run import RunOutcome
from robot.errors import UsageError
from robot.texts import Say

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
    say = Say(config.lang)

    def summarise(outcome: RunOutcome) -> Summary:
        item = outcome.data["announcement"]
        email = bool(outcome.data.get("email", params.email))
        learners, unread = outcome.data.get("learners"), outcome.data.get("learners_unread") or ""
        warning = announce_flow.no_learner_warning(params, learners, say, unread)
        return Summary([say("Announcement {title} posted in {course} ({date}):",
                            "Annonce {title} publiée dans {course} ({date}) :", title=say.quote(title),
                            course=params.course, date=item.shown),
                        say.row("sent to", "envoyée à", outcome.data.get("recipients", ""), 12),
                        say.row("learners", "apprenants", learners if learners is not None else "?", 12),
                        say.row("by e-mail", "par e-mail", say.yes(email), 12),
                        *([say.row("WARNING", "ATTENTION", warning, 12)] if warning else []),
                        say.took(outcome.duration, 12)],
                       dict(course=params.course, title=title, email=email, date=item.shown,
                            recipients=outcome.data.get("recipients"), learners=learners,
                            warnings=[announce_flow.no_learner_warning(params, learners, Say("en"), unread)] if warning
                            else [],
                            seconds=round(outcome.duration, 3),
                            **outcome.summary()))

    return CommandPlan(NAME, params.course, announce_flow.steps(knowledge(), params), params, summarise,
                       dry_fields={"course": params.course, "title": title, "email": params.email})


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    return run_plan(ctx, args, config, plan(args, config))

"""robot announce --course X --title … --message … [--no-email]: Announcements → add, to everyone."""
from __future__ import annotations

import argparse

from flows import announce as announce_flow
from robot.errors import UsageError

from ..announce import NAME
from ..context import Context
from .common import config_from, course_code, knowledge, print_plan, run_steps, site_of


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    title = " ".join(args.title.split())
    message = args.message.replace("\\n", "\n").strip()
    if not title or not message:
        raise UsageError("--title and --message must not be empty")
    params = announce_flow.AnnounceParams(site=site_of(config), course=course_code(args.course), title=title,
                                          message=message, email=not args.no_email)
    k = knowledge()
    steps = announce_flow.steps(k, params)
    if args.dry_run:
        return print_plan(ctx, NAME, steps, config.lang, k, course=params.course, title=title, email=params.email)
    outcome = run_steps(config, steps, params, run_name=f"{NAME}-{params.course}")
    item = outcome.data["announcement"]
    out = ctx.output
    out.line(f"Announcement “{title}” posted in {params.course} ({item.shown}):")
    out.line(f"  sent to     {outcome.data.get('recipients', '')}")
    out.line(f"  by e-mail   {'yes' if outcome.data.get('email', params.email) else 'no'}")
    out.line(f"  took        {outcome.duration:.1f} s")
    out.document(NAME, True, course=params.course, title=title, email=bool(outcome.data.get("email", params.email)),
                 date=item.shown, recipients=outcome.data.get("recipients"), seconds=round(outcome.duration, 3),
                 **outcome.summary())
    return 0

"""robot create-course --title "…" --code MATHS2027: a new, empty course (the guide's case 2)."""
from __future__ import annotations

import argparse

from flows import create_course as create_flow
from robot.errors import UsageError

from ..create_course import NAME
from ..context import Context
from .common import config_from, confirm, knowledge, print_plan, run_steps, site_of


def params_from(args: argparse.Namespace, config) -> create_flow.CreateParams:
    title = " ".join((args.title or "").split())
    if not title:
        raise UsageError("--title must not be empty")
    return create_flow.CreateParams(site=site_of(config), code=create_flow.check_new_code(knowledge(), args.code),
                                    title=title, language=create_flow.language_folder(args.language),
                                    category=(args.category or "").strip() or None)


def run(args: argparse.Namespace, ctx: Context) -> int:
    create_flow.check_new_code(knowledge(), args.code)  # refused before anything else: no request at all
    config = config_from(args, ctx)
    params = params_from(args, config)
    k = knowledge()
    steps = create_flow.steps(k, params)
    if args.dry_run:
        return print_plan(ctx, NAME, steps, config.lang, k, code=params.code, title=params.title)
    confirm(ctx, args, f"Create the course {params.code} “{params.title}” on {config.url}?")
    outcome = run_steps(config, steps, params, run_name=f"{NAME}-{params.code}")
    created = outcome.data["created"]
    out = ctx.output
    out.line(f"Course {created['code']} created: “{created['title']}”")
    out.line(f"  code  {created['code']}")
    out.line(f"  url   {created['url']}")
    out.line(f"  took  {outcome.duration:.1f} s")
    out.document(NAME, True, code=created["code"], title=created["title"], url=created["url"],
                 language=params.language, category=params.category, seconds=round(outcome.duration, 3),
                 **outcome.summary())
    return 0

"""robot archive --course X [--label …] [--visibility private|closed]: mark an old course as an archive."""
from __future__ import annotations

import argparse

from flows import archive_course as archive_flow
from robot.errors import UsageError

from ..archive import NAME, default_label
from ..context import Context
from .common import config_from, course_code, knowledge, print_plan, run_steps, site_of


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    label = " ".join((args.label if args.label is not None else default_label()).split())
    if not label:
        raise UsageError("--label is empty")
    params = archive_flow.ArchiveParams(site=site_of(config), course=course_code(args.course), label=label,
                                        visibility=args.visibility)
    k = knowledge()
    steps = archive_flow.steps(k, params)
    if args.dry_run:
        return print_plan(ctx, NAME, steps, config.lang, k, course=params.course, label=label,
                          visibility=params.visibility)
    outcome = run_steps(config, steps, params, run_name=f"{NAME}-{params.course}")
    data = outcome.data
    out = ctx.output
    title_changed = data.get("title_before") != data.get("title_saved")
    out.line(f"Course {params.course} archived as “{label}”:")
    out.line(f"  title       {data.get('title_saved')}" + ("" if title_changed else "  (already labelled)"))
    out.line("  intro       " + ("already starts with the label" if data.get("intro_unchanged")
                                 else "the label is its first line"))
    out.line(f"  access      {params.visibility}; subscriptions closed; unsubscriptions closed")
    out.line(f"  took        {outcome.duration:.1f} s")
    out.document(NAME, True, course=params.course, label=label, title=data.get("title_saved"),
                 title_changed=title_changed, intro_changed=not data.get("intro_unchanged"),
                 visibility=params.visibility, subscribe=0, unsubscribe=0, seconds=round(outcome.duration, 3),
                 **outcome.summary())
    return 0

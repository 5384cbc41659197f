"""robot backup --course X: the guide's first step, a verified .zip of the course."""
from __future__ import annotations

import argparse
import shutil

from flows import backup as backup_flow
from robot.output import human_size
from robot.storage import check_output_dir, expected_size

from ..backup import NAME
from ..context import Context
from .common import config_from, course_code, knowledge, print_plan, run_steps, site_of


def params_from(args: argparse.Namespace, config) -> backup_flow.BackupParams:
    items = tuple(i for i in (args.items or "").split(",") if i.strip())
    params = backup_flow.BackupParams(site=site_of(config), course=course_code(args.course),
                                      out=config.out, items=items, download_timeout=config.long_timeout)
    backup_flow.resolve_items(knowledge(), items)  # unknown names fail before the browser starts
    return params


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    params = params_from(args, config)
    steps = backup_flow.steps(knowledge(), params)
    if args.dry_run:
        return print_plan(ctx, NAME, steps, config.lang, knowledge(), course=params.course)
    check_output_dir(params.out, expected_size(params.out, f"{params.course}_*.zip"))
    downloads = params.out / ".robot-downloads"
    try:
        outcome = run_steps(config, steps, params, run_name=f"backup-{params.course}", downloads_dir=downloads)
    finally:
        shutil.rmtree(downloads, ignore_errors=True)
    report = outcome.data["backup"]
    out = ctx.output
    out.line(f"Backup of {params.course} saved and verified:")
    out.line(f"  file     {report.path}")
    out.line(f"  size     {human_size(report.size)} ({report.size} bytes)")
    out.line(f"  sha256   {report.sha256}")
    out.line("  content  " + ", ".join(f"{n} {t}" for t, n in report.resources.items()))
    out.line(f"  took     {outcome.duration:.1f} s")
    out.document(NAME, True, **{**report.as_dict(), "course": params.course}, seconds=round(outcome.duration, 3),
                 **outcome.summary())
    return 0

"""robot backup --course X: the guide's first step, a verified .zip of the course."""
from __future__ import annotations

import argparse

from flows import backup as backup_flow
from robot.config import Config
from robot.engine.run import RunOutcome
from robot.storage import check_output_dir, expected_size
from robot.texts import Say

from ..backup import NAME
from ..context import Context
from .common import CommandPlan, Summary, config_from, course_code, knowledge, run_plan, site_of


def params_from(args: argparse.Namespace, config) -> backup_flow.BackupParams:
    items = tuple(i for i in (args.items or "").split(",") if i.strip())
    params = backup_flow.BackupParams(site=site_of(config), course=course_code(args.course),
                                      out=config.out, items=items, download_timeout=config.long_timeout,
                                      group_readable=config.group_readable)
    backup_flow.resolve_items(knowledge(), items)  # unknown names fail before the browser starts
    return params


def plan(args: argparse.Namespace, config: Config) -> CommandPlan:
    params = params_from(args, config)
    say = Say(config.lang)

    def summarise(outcome: RunOutcome) -> Summary:
        report = outcome.data["backup"]
        return Summary([say("Backup of {course} saved and verified:", "Sauvegarde de {course} enregistrée et vérifiée :",
                            course=params.course),
                        say.row("file", "fichier", report.path),
                        say.row("size", "taille", f"{say.size(report.size)} ({report.size} {say('bytes', 'octets')})"),
                        say.row("sha256", "sha256", report.sha256),
                        say.row("content", "contenu", ", ".join(f"{n} {t}" for t, n in report.resources.items())),
                        say.took(outcome.duration)],
                       {**report.as_dict(), "course": params.course, "seconds": round(outcome.duration, 3),
                        **outcome.summary()})

    return CommandPlan(NAME, params.course, backup_flow.steps(knowledge(), params), params, summarise,
                       before=lambda: check_output_dir(params.out, expected_size(params.out, f"{params.course}_*.zip"),
                                                        group_readable=params.group_readable),
                       downloads=params.out / ".robot-downloads", dry_fields={"course": params.course})


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    return run_plan(ctx, args, config, plan(args, config))

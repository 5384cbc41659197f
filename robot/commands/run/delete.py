"""robot delete --course X: Maintenance → Completely delete this course (after a verified backup)."""
from __future__ import annotations

import argparse

from flows import delete as delete_flow
from robot.config import Config
from robot.engine.run import RunOutcome
from robot.texts import Say

from ..delete import NAME
from ..context import Context
from .common import (CommandPlan, Summary, backup_settings, config_from, course_code, knowledge, run_plan,
                     site_of)
from .course_admin import backup_folder, backup_summary, dry_run_notes, guard


def plan(args: argparse.Namespace, config: Config) -> CommandPlan:
    params = delete_flow.DeleteParams(site=site_of(config), course=course_code(args.course), out=config.out,
                                      download_timeout=config.long_timeout, **backup_settings(config))
    backup_steps = guard(args, params, "delete the course", dry_run=args.dry_run)
    say = Say(config.lang)

    def summarise(outcome: RunOutcome) -> Summary:
        backup_lines, backup_field = backup_summary(outcome, params, say)
        return Summary([say("Course {course} deleted: {result}", "Cours {course} supprimé : {result}",
                            course=params.course, result=outcome.data.get("result", "")), *backup_lines,
                        say.took(outcome.duration)],
                       dict(course=params.course, message=outcome.data.get("result"),
                            seconds=round(outcome.duration, 3), **outcome.summary(), **backup_field))

    return CommandPlan(NAME, params.course, delete_flow.steps(knowledge(), params, backup_steps=backup_steps),
                       params, summarise,
                       question=say("Delete course {course} from {url} for good (its content and its members' "
                                    "subscriptions; this cannot be undone)?",
                                    "Supprimer définitivement le cours {course} de {url} (son contenu et les inscriptions "
                                    "de ses membres ; c'est irréversible) ?", course=params.course, url=config.url),
                       notes=dry_run_notes(args), dry_fields={"course": params.course},
                       **backup_folder(params, args.backup_first))


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    return run_plan(ctx, args, config, plan(args, config))

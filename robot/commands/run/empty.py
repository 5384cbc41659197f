"""robot empty --course X [--items …]: Maintenance → Empty this course (after a verified backup)."""
from __future__ import annotations

import argparse

from flows import backup as backup_flow
from flows import empty as empty_flow
from robot.config import Config
from robot.engine.run import RunOutcome
from robot.texts import Say

from ..empty import NAME
from ..context import Context
from .common import (CommandPlan, Summary, backup_settings, config_from, course_code, knowledge, run_plan,
                     site_of)
from .course_admin import backup_folder, backup_summary, dry_run_notes, guard


def plan(args: argparse.Namespace, config: Config) -> CommandPlan:
    k = knowledge()
    items = tuple(i.strip() for i in (args.items or "").split(",") if i.strip())
    backup_flow.resolve_items(k, items)  # unknown names fail before the browser starts
    params = empty_flow.EmptyParams(site=site_of(config), course=course_code(args.course), out=config.out,
                                    download_timeout=config.long_timeout, recycle_items=items,
                                    **backup_settings(config),
                                    official_code=(args.official_code or "").strip())
    backup_steps = guard(args, params, "empty the course", dry_run=args.dry_run)
    say = Say(config.lang)
    what = say("everything", "tout") if not items else ", ".join(items)

    def summarise(outcome: RunOutcome) -> Summary:
        already = bool(outcome.data.get("already_empty"))
        result = outcome.data.get("result", "")
        lines = [say("Course {course} was already empty: {result}", "Le cours {course} était déjà vide : {result}",
                     course=params.course, result=result) if already
                 else say("Course {course} emptied ({what}): {result}", "Cours {course} vidé ({what}) : {result}",
                          course=params.course, what=what, result=result)]
        backup_lines, backup_field = backup_summary(outcome, params, say)
        return Summary([*lines, *backup_lines, say.took(outcome.duration)],
                       dict(course=params.course, items=list(items) or "all", message=outcome.data.get("result"),
                            already_empty=already, ticked=outcome.data.get("ticked"),
                            seconds=round(outcome.duration, 3), **outcome.summary(), **backup_field))

    return CommandPlan(NAME, params.course, empty_flow.steps(k, params, backup_steps=backup_steps), params,
                       summarise, question=say("Empty course {course} on {url} ({what}; this cannot be undone)?",
                                               "Vider le cours {course} sur {url} ({what} ; c'est irréversible) ?",
                                               course=params.course, url=config.url, what=what),
                       notes=dry_run_notes(args), dry_fields={"course": params.course, "items": list(items) or "all"},
                       **backup_folder(params, args.backup_first))


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    return run_plan(ctx, args, config, plan(args, config))

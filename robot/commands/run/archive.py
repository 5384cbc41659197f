"""robot archive --course X [--label …] [--visibility private|closed]: mark an old course as an archive."""
from __future__ import annotations

import argparse

from flows import archive_course as archive_flow
from robot.config import Config
from robot.engine.run import RunOutcome
from robot.texts import Say
from robot.errors import UsageError

from ..archive import NAME, default_label
from ..context import Context
from .common import CommandPlan, Summary, config_from, course_code, knowledge, run_plan, site_of


def plan(args: argparse.Namespace, config: Config) -> CommandPlan:
    label = " ".join((args.label if args.label is not None else default_label()).split())
    if not label:
        raise UsageError("--label is empty")
    params = archive_flow.ArchiveParams(site=site_of(config), course=course_code(args.course), label=label,
                                        visibility=args.visibility)
    say = Say(config.lang)

    def summarise(outcome: RunOutcome) -> Summary:
        data = outcome.data
        title_changed = data.get("title_before") != data.get("title_saved")
        visibility = say(params.visibility, {"private": "privé", "closed": "fermé"}.get(params.visibility,
                                                                                       params.visibility))
        return Summary(
            [say("Course {course} archived as {label}:", "Cours {course} archivé sous {label} :",
                 course=params.course, label=say.quote(label)),
             say.row("title", "titre", data.get("title_saved"), 12)
             + ("" if title_changed else say("  (already labelled)", "  (déjà marqué)")),
             say.row("intro", "intro", say("already starts with the label", "commence déjà par le libellé")
                     if data.get("intro_unchanged") else say("the label is its first line",
                                                             "le libellé en est la première ligne"), 12),
             say.row("access", "accès", say("{v}; subscriptions closed; unsubscriptions closed",
                                            "{v} ; inscriptions fermées ; désinscriptions fermées", v=visibility), 12),
             say.took(outcome.duration, 12)],
            dict(course=params.course, label=label, title=data.get("title_saved"), title_changed=title_changed,
                 intro_changed=not data.get("intro_unchanged"), visibility=params.visibility, subscribe=0,
                 unsubscribe=0, seconds=round(outcome.duration, 3), **outcome.summary()))

    return CommandPlan(NAME, params.course, archive_flow.steps(knowledge(), params), params, summarise,
                       dry_fields={"course": params.course, "label": label, "visibility": params.visibility})


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    return run_plan(ctx, args, config, plan(args, config))

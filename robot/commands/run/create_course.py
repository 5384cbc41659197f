"""robot create-course --title "…" --code MATHS2027: a new, empty course (the guide's case 2)."""
from __future__ import annotations

import argparse

from flows import create_course as create_flow
from flows import teachers as teachers_flow
from robot.config import Config
from robot.engine.run import RunOutcome
from robot.texts import Say
from robot.errors import UsageError

from ..create_course import NAME
from ..context import Context
from .common import CommandPlan, Summary, config_from, course_code, knowledge, run_plan, site_of


def params_from(args: argparse.Namespace, config) -> create_flow.CreateParams:
    title = " ".join((args.title or "").split())
    if not title:
        raise UsageError("--title must not be empty")
    params = create_flow.CreateParams(site=site_of(config), code=create_flow.check_new_code(knowledge(), args.code),
                                      title=title, language=create_flow.language_folder(args.language),
                                      category=(args.category or "").strip() or None)
    if getattr(args, "teachers_from", None):
        params.extra["teachers_from"] = course_code(args.teachers_from)
        if params.extra["teachers_from"] == params.code:
            raise UsageError("--teachers-from names the new course itself")
    return params


def plan(args: argparse.Namespace, config: Config) -> CommandPlan:
    params = params_from(args, config)
    say = Say(config.lang)

    old = params.extra.get("teachers_from")
    steps = create_flow.steps(knowledge(), params)
    if old:  # issue 19: next year's course keeps its teachers
        steps += teachers_flow.teacher_steps(lambda s: s.params.extra["teachers_from"], lambda s: s.params.code)

    def summarise(outcome: RunOutcome) -> Summary:
        created = outcome.data["created"]
        lines = [say("Course {code} created: {title}", "Cours {code} créé : {title}", code=created["code"],
                     title=say.quote(created["title"])),
                 say.row("code", "code", created["code"], 6),
                 say.row("url", "url", created["url"], 6)]
        teachers = teachers_summary(outcome.data, old) if old else None
        if teachers:
            lines.append(say.row("teachers", "enseignants", say(
                "{now} (from {old}; added: {added})", "{now} (de {old} ; ajoutés : {added})",
                now=", ".join(teachers["now"]), old=old, added=", ".join(teachers["added"]) or say("none", "aucun")), 10))
        lines.append(say.took(outcome.duration, 6))
        return Summary(lines, dict(code=created["code"], title=created["title"], url=created["url"],
                                   language=params.language, category=params.category, teachers=teachers,
                                   seconds=round(outcome.duration, 3), **outcome.summary()))

    return CommandPlan(NAME, params.code, steps, params, summarise,
                       question=say("Create the course {code} {title} on {url}?", "Créer le cours {code} {title} sur {url} ?",
                                    code=params.code, title=say.quote(params.title), url=config.url)
                       if not old else
                       say("Create the course {code} {title} on {url} with the teachers of {old}?",
                           "Créer le cours {code} {title} sur {url} avec les enseignants de {old} ?",
                           code=params.code, title=say.quote(params.title), url=config.url, old=old),
                       dry_fields={"code": params.code, "title": params.title, "teachers_from": old})


def teachers_summary(data: dict, old: str) -> dict:
    """What --teachers-from / rollover's --teachers same did: the old course's teachers, who was added."""
    return {"from": old, "old": data.get("old_teachers") or [], "added": data.get("teachers_added") or [],
            "now": data.get("new_teachers") or []}


def run(args: argparse.Namespace, ctx: Context) -> int:
    create_flow.check_new_code(knowledge(), args.code)  # refused before anything else: no request at all
    config = config_from(args, ctx)
    return run_plan(ctx, args, config, plan(args, config))

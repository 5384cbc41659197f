"""robot create-course --title "…" --code MATHS2027: a new, empty course (the guide's case 2)."""
from __future__ import annotations

import argparse

from flows import create_course as create_flow
from robot.config import Config
from robot.engine.run import RunOutcome
from robot.texts import Say
from robot.errors import UsageError

from ..create_course import NAME
from ..context import Context
from .common import CommandPlan, Summary, config_from, knowledge, run_plan, site_of


def params_from(args: argparse.Namespace, config) -> create_flow.CreateParams:
    title = " ".join((args.title or "").split())
    if not title:
        raise UsageError("--title must not be empty")
    return create_flow.CreateParams(site=site_of(config), code=create_flow.check_new_code(knowledge(), args.code),
                                    title=title, language=create_flow.language_folder(args.language),
                                    category=(args.category or "").strip() or None)


def plan(args: argparse.Namespace, config: Config) -> CommandPlan:
    params = params_from(args, config)
    say = Say(config.lang)

    def summarise(outcome: RunOutcome) -> Summary:
        created = outcome.data["created"]
        return Summary([say("Course {code} created: {title}", "Cours {code} créé : {title}", code=created["code"],
                            title=say.quote(created["title"])),
                        say.row("code", "code", created["code"], 6),
                        say.row("url", "url", created["url"], 6),
                        say.took(outcome.duration, 6)],
                       dict(code=created["code"], title=created["title"], url=created["url"],
                            language=params.language, category=params.category, seconds=round(outcome.duration, 3),
                            **outcome.summary()))

    return CommandPlan(NAME, params.code, create_flow.steps(knowledge(), params), params, summarise,
                       question=say("Create the course {code} {title} on {url}?", "Créer le cours {code} {title} sur {url} ?",
                                    code=params.code, title=say.quote(params.title), url=config.url),
                       dry_fields={"code": params.code, "title": params.title})


def run(args: argparse.Namespace, ctx: Context) -> int:
    create_flow.check_new_code(knowledge(), args.code)  # refused before anything else: no request at all
    config = config_from(args, ctx)
    return run_plan(ctx, args, config, plan(args, config))

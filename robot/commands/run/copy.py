"""robot copy --from MATHS --to MATHS2027 --on-conflict skip|rename|overwrite [--items …]."""
from __future__ import annotations

import argparse

from flows import backup as backup_flow
from flows import copy_course as copy_flow
from robot.config import Config
from robot.engine.run import RunOutcome
from robot.errors import UsageError
from robot.texts import Say

from ..copy import CONFLICT_HELP, NAME

CONFLICT_HELP_FR = {  # CONFLICT_HELP, in French (the confirmation question of a French run)
    "skip": "les fichiers de même nom de la destination sont gardés ; ceux de la source ne sont pas copiés",
    "rename": "le fichier de la source est copié sous nom_1.ext (puis _2…), les deux sont gardés",
    "overwrite": "le fichier de la destination est remplacé par celui de la source (le choix par défaut de Chamilo)",
}
from ..context import Context
from .common import CommandPlan, Summary, config_from, course_code, knowledge, run_plan, site_of


def params_from(args: argparse.Namespace, config) -> copy_flow.CopyParams:
    source, destination = course_code(args.source), course_code(args.destination)
    if source == destination:
        raise UsageError(f"--from and --to are the same course ({source})")
    items = tuple(i.strip() for i in (args.items or "").split(",") if i.strip())
    backup_flow.resolve_items(knowledge(), items)  # unknown names fail before the browser starts
    return copy_flow.CopyParams(site=site_of(config), course=source, destination=destination,
                                policy=args.policy, items=items)


def plan(args: argparse.Namespace, config: Config) -> CommandPlan:
    params = params_from(args, config)
    say = Say(config.lang)
    what = say("everything", "tout") if not params.items else ", ".join(params.items)

    def summarise(outcome: RunOutcome) -> Summary:
        report = outcome.data["copy_report"]
        return Summary([*report.lines(say.lang), say.took(outcome.duration, 5 if say.lang == "en" else 6)],
                       dict(**report.as_dict(), items=list(params.items) or "all",
                            target_chosen_by=outcome.data.get("target_chosen_by"),
                            seconds=round(outcome.duration, 3), **outcome.summary()))

    return CommandPlan(NAME, params.course, copy_flow.steps(knowledge(), params), params, summarise,
                       lock_courses=(params.destination,),
                       question=say("Copy {what} from {source} into {target} on {url} (same file names: {policy} — "
                                    "{help})?", "Copier {what} de {source} dans {target} sur {url} (fichiers de même "
                                    "nom : {policy} — {help}) ?", what=what, source=params.course,
                                    target=params.destination, url=config.url, policy=params.policy,
                                    help=say(CONFLICT_HELP[params.policy], CONFLICT_HELP_FR[params.policy])),
                       dry_fields={"source": params.course, "destination": params.destination,
                                   "policy": params.policy})


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    return run_plan(ctx, args, config, plan(args, config))

"""robot restore --course X --from ZIP: Maintenance → Import backup, with a before/after report."""
from __future__ import annotations

import argparse
from pathlib import Path

from flows import backup as backup_flow
from flows import restore as restore_flow
from flows.copy_report import TYPE_NAMES
from robot.config import Config
from robot.engine.run import RunOutcome
from robot.errors import UsageError
from robot.texts import Say

from ..context import Context
from ..restore import CONFLICT_HELP, NAME
from .common import CommandPlan, Summary, config_from, course_code, knowledge, run_plan, site_of

CONFLICT_HELP_FR = {  # CONFLICT_HELP, in French (the confirmation question of a French run)
    "skip": "les fichiers de même nom du cours sont gardés ; ceux de l'archive ne sont pas importés",
    "rename": "le fichier de l'archive est importé sous nom_1.ext (puis _2…), les deux sont gardés — une deuxième "
              "importation double chaque fichier",
    "overwrite": "le fichier du cours est remplacé par celui de l'archive (le choix par défaut de cette page)",
}


def params_from(args: argparse.Namespace, config: Config) -> restore_flow.RestoreParams:
    items = tuple(i.strip() for i in (args.items or "").split(",") if i.strip())
    backup_flow.resolve_items(knowledge(), items)  # unknown names fail before anything else
    if items and args.server_file:
        raise UsageError("--items needs an upload: Chamilo imports chosen items only from an uploaded zip (a server "
                         "file is lost between the item list and the import, §15.3); drop --server-file or --items")
    path = Path(args.zip).expanduser()
    content = restore_flow.check_zip(path, config.max_course_info_mb * 1024 * 1024)
    absent = [name for name in items if not any(content.counts.get(t) for t in knowledge().ITEM_TYPES[name.lower()])]
    if absent:
        raise UsageError(f"{path.name} holds no {', '.join(absent)} (it holds: {what_the_zip_holds(content)}); "
                         "nothing was sent")
    return restore_flow.RestoreParams(site=site_of(config), course=course_code(args.course), zip_path=path,
                                      content=content, policy=args.policy, items=items,
                                      server_file=(args.server_file or "").strip())


def what_the_zip_holds(content) -> str:
    return ", ".join(f"{n} {TYPE_NAMES.get(t, t)}" for t, n in content.counts.items() if n) or "nothing"


def arriving(params: restore_flow.RestoreParams) -> list[str]:
    """What the zip would bring (--dry-run), read from the zip alone."""
    content = params.content
    types = set(backup_flow.resolve_items(knowledge(), params.items)) if params.items else None
    lines = [f"{params.zip_path.name} is a backup of {content.code} “{content.title}”; into {params.course} would "
             f"arrive ({'chosen items: ' + ', '.join(params.items) if params.items else 'everything'}, same file "
             f"names: {params.policy}):"]
    if types is None or "document" in types:
        lines.append(f"  {len(content.files)} document file(s), {len(content.folders)} folder(s)")
        lines += [f"    {d.course_path.lstrip('/')}  ({d.size:,} bytes)" for d in content.files]
    for rtype, n in content.counts.items():
        if rtype != "document" and n and (types is None or rtype in types):
            lines.append(f"  {n} {TYPE_NAMES.get(rtype, rtype)}" + ("" if rtype in TYPE_NAMES else f" ({rtype})"))
    return lines


def plan(args: argparse.Namespace, config: Config) -> CommandPlan:
    params = params_from(args, config)
    say = Say(config.lang)
    what = say("everything", "tout") if not params.items else ", ".join(params.items)
    source = say("the server copy {name}", "la copie du serveur {name}", name=params.server_file) \
        if params.server_file else params.zip_path.name

    def summarise(outcome: RunOutcome) -> Summary:
        report = outcome.data["restore_report"]
        return Summary([*report.lines(say.lang), say.row("from", "depuis", outcome.data.get("imported_from", source)),
                        say.took(outcome.duration)],
                       dict(**report.as_dict(), items=list(params.items) or "all",
                            imported_from=outcome.data.get("imported_from"), seconds=round(outcome.duration, 3),
                            **outcome.summary()))

    return CommandPlan(NAME, params.course, restore_flow.steps(knowledge(), params), params, summarise,
                       question=say("Import {what} of {source} (a backup of {code}) into {target} on {url} (same file "
                                    "names: {policy} — {help})?", "Importer {what} de {source} (une sauvegarde de "
                                    "{code}) dans {target} sur {url} (fichiers de même nom : {policy} — {help}) ?",
                                    what=what, source=source, code=params.content.code, target=params.course,
                                    url=config.url, policy=params.policy,
                                    help=say(CONFLICT_HELP[params.policy], CONFLICT_HELP_FR[params.policy])),
                       notes=arriving(params),
                       dry_fields={"course": params.course, "zip": str(params.zip_path), "policy": params.policy,
                                   "arriving": arriving(params)[1:]})


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    return run_plan(ctx, args, config, plan(args, config))

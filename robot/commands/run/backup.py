"""robot backup --course X: the guide's first step, a verified .zip of the course."""
from __future__ import annotations

import argparse

from flows import backup as backup_flow
from flows import restore as restore_flow
from robot.config import Config
from robot.engine.run import RunOutcome
from robot.errors import UsageError
from robot.storage import check_output_dir, expected_size
from robot.texts import Say

from ..backup import NAME
from ..context import Context
from .common import (CommandPlan, Summary, backup_settings, config_from, course_code, knowledge, run_plan,
                     site_of)


def params_from(args: argparse.Namespace, config) -> backup_flow.BackupParams:
    items = tuple(i for i in (args.items or "").split(",") if i.strip())
    params = backup_flow.BackupParams(site=site_of(config), course=course_code(args.course),
                                      out=config.out, items=items, download_timeout=config.long_timeout,
                                      **backup_settings(config))
    backup_flow.resolve_items(knowledge(), items)  # unknown names fail before the browser starts
    if getattr(args, "prove_restore", None):
        if items:
            raise UsageError("--prove-restore proves a full backup: drop --items")
        params.extra["prove"] = restore_flow.ProofParams(scratch=course_code(args.prove_restore))
    return params


def steps_of(params: backup_flow.BackupParams) -> list:
    """The backup's steps; with --prove-restore the scratch course is checked first (a refusal costs
    no backup) and the proof's steps follow the backup's."""
    steps = backup_flow.steps(knowledge(), params)
    if "prove" not in params.extra:
        return steps
    return [restore_flow.check_scratch_empty, *steps, *restore_flow.proof_steps()]


def proof_lines(proof: dict | None, say: Say | None = None) -> list[str]:
    """"restore  proven: imported into SCRATCH (…), 6 file(s) and 5 item(s) arrived; SCRATCH emptied again"."""
    if proof is None:
        return []
    say = say or Say("en")
    files = proof["files"]
    arrived = files["added"] + files["renamed"] + files["overwritten"]
    items = sum(c["zip"] for name, c in proof["items"].items() if name != "documents")
    state = say("proven", "prouvée") if proof["proven"] else say("NOT proven", "NON prouvée")
    emptied = say("emptied again", "vidé de nouveau") if proof["scratch_emptied"] else say("NOT emptied", "NON vidé")
    return [say.row("restore", "import", say("{state}: imported into {scratch} ({origin}), {files} file(s) and {items} "
                                              "item(s) arrived; {scratch} {emptied}",
                                              "{state} : importée dans {scratch} ({origin}), {files} fichier(s) et "
                                              "{items} élément(s) arrivés ; {scratch} {emptied}",
                                              state=state, scratch=proof["scratch"], origin=proof["imported_from"],
                                              files=arrived, items=items, emptied=emptied))]


def plan(args: argparse.Namespace, config: Config) -> CommandPlan:
    params = params_from(args, config)
    say = Say(config.lang)

    def summarise(outcome: RunOutcome) -> Summary:
        report = outcome.data["backup"]
        note = backup_flow.backups_note(outcome.data, say)
        return Summary([say("Backup of {course} saved and verified:", "Sauvegarde de {course} enregistrée et vérifiée :",
                            course=params.course),
                        say.row("file", "fichier", report.path),
                        say.row("size", "taille", f"{say.size(report.size)} ({report.size} {say('bytes', 'octets')})"),
                        say.row("sha256", "sha256", report.sha256),
                        say.row("content", "contenu", report.content_line(say.lang)),
                        *(say.row("warning", "à noter", g.text(say.lang)) for g in report.gaps),
                        *([say.row("backups", "sauvegardes", note)] if note else []),
                        *proof_lines(restore_flow.proof_summary(outcome.data), say),
                        say.took(outcome.duration)],
                       {**report.as_dict(), "course": params.course, "seconds": round(outcome.duration, 3),
                        "backups_made": backup_flow.backups_made(outcome.data),
                        **({"restore_proof": restore_flow.proof_summary(outcome.data)} if "prove" in params.extra
                           else {}),
                        **outcome.summary()})

    scratch = (params.extra["prove"].scratch,) if "prove" in params.extra else ()
    return CommandPlan(NAME, params.course, steps_of(params), params, summarise, lock_courses=scratch,
                       before=lambda: check_output_dir(params.out, expected_size(params.out, f"{params.course}_*.zip"),
                                                        group_readable=params.group_readable),
                       downloads=params.out / ".robot-downloads", dry_fields={"course": params.course})


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    return run_plan(ctx, args, config, plan(args, config))

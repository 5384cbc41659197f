"""robot rollover --course MATHS --year 2027: backup → new course MATHS2027 → copy → (archive)."""
from __future__ import annotations

import argparse

from flows import backup as backup_flow
from flows import create_course as create_flow
from flows import rollover as rollover_flow
from robot.config import Config
from robot.engine.run import RunOutcome
from robot.errors import UsageError
from robot.storage import check_output_dir, expected_size
from robot.texts import Say

from ..rollover import NAME
from ..context import Context
from .common import (CommandPlan, Summary, backup_settings, config_from, course_code, knowledge, run_plan,
                     site_of)


def params_from(args: argparse.Namespace, config) -> rollover_flow.RolloverParams:
    course = course_code(args.course)
    if not 1900 <= args.year <= 2999:
        raise UsageError(f"--year {args.year} is not a year")
    k = knowledge()
    code_text = args.code or rollover_flow.next_code(course, args.year)
    try:
        code = create_flow.check_new_code(k, code_text)
    except UsageError as err:
        if args.code:
            raise
        raise UsageError(f"{err.message} — {course} + {args.year} does not make a valid code: give one with --code") from None
    if code == course:
        raise UsageError(f"the new course code {code} is the old course's")
    return rollover_flow.RolloverParams(
        site=site_of(config), course=course, year=args.year, code=code, policy=args.policy,
        archive_old=args.archive_old, title=" ".join((args.title or "").split()),
        language=create_flow.language_folder(args.language), category=(args.category or "").strip() or None,
        out=config.out, download_timeout=config.long_timeout, teachers=getattr(args, "teachers", "same"),
        **backup_settings(config))


def plan(args: argparse.Namespace, config: Config) -> CommandPlan:
    params = params_from(args, config)
    k = knowledge()
    if params.archive_old and rollover_flow.archive_module() is None:
        raise UsageError("--archive-old needs `robot archive` (flows/archive_course.py), which this version does not "
                         "have yet: run without --archive-old and archive the old course by hand "
                         "(put the year or “archive” in its title, make it private)")
    journal = rollover_flow.Journal.open(params.out / ".robot-state", config.url, params.course, params.year,
                                         params.code)
    stages = {name: ("done (journal)" if journal.done(name) else "to do") for name in rollover_flow.STAGES
              if (name != "archive" or params.archive_old) and (name != "teachers" or params.teachers == "same")}

    def before() -> None:
        if not journal.done("backup"):
            check_output_dir(params.out, expected_size(params.out, f"{params.course}_*.zip"),
                             group_readable=params.group_readable)
        journal.save()

    say = Say(config.lang)
    archive = say(", then archive it", ", puis l'archiver") if params.archive_old else ""
    archive = (say(", enrol its teachers in {new}", ", inscrire ses enseignants dans {new}",
                   new=params.code) if params.teachers == "same" else "") + archive
    return CommandPlan(
        NAME, params.course, rollover_flow.steps(k, params, journal), params,
        lambda outcome: _summary(params, journal, outcome, say), lock_courses=(params.code,),
        question=say("Roll {old} over to {new} on {url}: back up {old}, create {new}, copy {old} into it (same file "
                     "names: {policy}){archive}?", "Passer {old} à {new} sur {url} : sauvegarder {old}, créer {new}, "
                     "y copier {old} (fichiers de même nom : {policy}){archive} ?", old=params.course, new=params.code,
                     url=config.url, policy=params.policy, archive=archive),
        before=before, downloads=params.out / ".robot-downloads",
        notes=[f"Journal: {journal.path} — " + ", ".join(f"{n}: {s}" for n, s in stages.items())],
        dry_fields={"course": params.course, "new_code": params.code, "stages": stages, "journal": str(journal.path)})


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    return run_plan(ctx, args, config, plan(args, config))


def _summary(params, journal, outcome: RunOutcome, say: Say | None = None) -> Summary:
    say = say or Say("en")
    width = 9 if say.lang == "en" else 12
    data = outcome.data
    lines: list[str] = []
    backup = data.get("backup")
    created = data.get("created") or {}
    report = data.get("copy_report")
    lines.append(say("Rollover of {old} to {new}: done", "Passage de {old} à {new} : terminé", old=params.course,
                     new=params.code))
    if backup is not None:
        lines.append(say.row("backup", "sauvegarde", f"{backup.path} ({say.size(backup.size)}, sha256 "
                             f"{backup.sha256[:16]}…) " + say("verified", "vérifiée"), width))
        note = backup_flow.backups_note(data, say)
        if note:
            lines.append(say.row("", "", note, width))
    else:
        lines.append(say.row("backup", "sauvegarde", f"{journal.stage('backup').get('path')} "
                             + say("(made by an earlier run)", "(faite par une exécution précédente)"), width))
    state = (say("already existed, not created again", "existait déjà, pas créé à nouveau") if created.get("existed")
             else say("created", "créé"))
    lines.append(say.row("course", "cours", f"{params.code} {say.quote(created.get('title') or params.title)} "
                         f"{state}: {created.get('url', '')}", width))
    if report is not None:
        note = say(" (the interrupted copy had finished on the server; not copied again)",
                   " (la copie interrompue s'était terminée sur le serveur ; pas copié à nouveau)") \
            if data.get("copy_recovered") else ""
        lines.append(say.row("copy", "copie", f"{params.course} → {params.code}{note}", width))
        lines += ["  " + line for line in report.lines(say.lang)]
    else:
        summary = journal.stage("copy").get("summary") or {}
        counts = ", ".join(f"{n} {o}" for o, n in summary.items() if n) or say("see the journal", "voir le journal")
        lines.append(say.row("copy", "copie", say("done by an earlier run ({counts}); not copied again",
                                                  "faite par une exécution précédente ({counts}) ; pas copié à "
                                                  "nouveau", counts=counts), width))
    teachers = _teachers(params, journal, data)
    if teachers is not None:
        lines.append(say.row("teachers", "enseignants", say(
            "{now} (the teachers of {old}; added now: {added})", "{now} (les enseignants de {old} ; ajoutés : {added})",
            now=", ".join(teachers["now"]), old=params.course,
            added=", ".join(teachers["added"]) or say("none", "aucun")), width))
    if params.archive_old:
        title = data.get("title_saved")
        lines.append(say.row("archive", "archive", f"{params.course} " + (
            say("archived: {title}", "archivé : {title}", title=say.quote(title)) if title else
            say("archived by an earlier run", "archivé par une exécution précédente") if journal.done("archive")
            else say("not archived", "pas archivé")), width))
    lines.append(say.row("journal", "journal", journal.path, width))
    lines.append(say.took(outcome.duration, width))
    fields = dict(course=params.course, new_course={"code": params.code, "title": created.get("title")
                  or params.title, "url": created.get("url"), "created_now": not created.get("existed")},
                  backup={**backup.as_dict(), "backups_made": backup_flow.backups_made(data)}
                  if backup is not None else journal.stage("backup"),
                  copy=report.as_dict() if report is not None else journal.stage("copy"),
                  copy_recovered=bool(data.get("copy_recovered")), teachers=teachers,
                  stages={name: journal.stage(name) for name in rollover_flow.STAGES if journal.stage(name)},
                  journal=str(journal.path), seconds=round(outcome.duration, 3),
                  **outcome.summary())
    return Summary(lines, fields)


def _teachers(params, journal, data: dict) -> dict | None:
    """--teachers same: the old course's teachers, who was added now, the new course's teachers."""
    if params.teachers != "same":
        return None
    if data.get("new_teachers") is not None:
        return {"from": params.course, "old": data.get("old_teachers") or [], "added": data.get("teachers_added") or [],
                "now": data["new_teachers"]}
    stage = journal.stage("teachers")
    return {"from": params.course, "old": stage.get("old", []), "added": [], "now": stage.get("now", [])}

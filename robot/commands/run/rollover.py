"""robot rollover --course MATHS --year 2027: backup → new course MATHS2027 → copy → (archive)."""
from __future__ import annotations

import argparse

from flows import create_course as create_flow
from flows import rollover as rollover_flow
from robot.config import Config
from robot.engine.run import RunOutcome
from robot.errors import UsageError
from robot.output import human_size
from robot.storage import check_output_dir, expected_size

from ..rollover import NAME
from ..context import Context
from .common import CommandPlan, Summary, config_from, course_code, knowledge, run_plan, site_of


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
        out=config.out, download_timeout=config.long_timeout, group_readable=config.group_readable)


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
              if name != "archive" or params.archive_old}

    def before() -> None:
        if not journal.done("backup"):
            check_output_dir(params.out, expected_size(params.out, f"{params.course}_*.zip"),
                             group_readable=params.group_readable)
        journal.save()

    archive = ", then archive it" if params.archive_old else ""
    return CommandPlan(
        NAME, params.course, rollover_flow.steps(k, params, journal), params,
        lambda outcome: _summary(params, journal, outcome), lock_courses=(params.code,),
        question=(f"Roll {params.course} over to {params.code} on {config.url}: back up {params.course}, "
                  f"create {params.code}, copy {params.course} into it (same file names: {params.policy}){archive}?"),
        before=before, downloads=params.out / ".robot-downloads",
        notes=[f"Journal: {journal.path} — " + ", ".join(f"{n}: {s}" for n, s in stages.items())],
        dry_fields={"course": params.course, "new_code": params.code, "stages": stages, "journal": str(journal.path)})


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    return run_plan(ctx, args, config, plan(args, config))


def _summary(params, journal, outcome: RunOutcome) -> Summary:
    data = outcome.data
    lines: list[str] = []
    backup = data.get("backup")
    created = data.get("created") or {}
    report = data.get("copy_report")
    lines.append(f"Rollover of {params.course} to {params.code}: done")
    if backup is not None:
        lines.append(f"  backup   {backup.path} ({human_size(backup.size)}, sha256 {backup.sha256[:16]}…) verified")
    else:
        lines.append(f"  backup   {journal.stage('backup').get('path')} (made by an earlier run)")
    state = "already existed, not created again" if created.get("existed") else "created"
    lines.append(f"  course   {params.code} “{created.get('title') or params.title}” {state}: {created.get('url', '')}")
    if report is not None:
        note = " (the interrupted copy had finished on the server; not copied again)" if data.get("copy_recovered") else ""
        lines.append(f"  copy     {params.course} → {params.code}{note}")
        lines += ["  " + line for line in report.lines()]
    else:
        summary = journal.stage("copy").get("summary") or {}
        counts = ", ".join(f"{n} {o}" for o, n in summary.items() if n) or "see the journal"
        lines.append(f"  copy     done by an earlier run ({counts}); not copied again")
    if params.archive_old:
        title = data.get("title_saved")
        lines.append(f"  archive  {params.course} " + (f"archived: “{title}”" if title else
                                                        "archived by an earlier run" if journal.done("archive")
                                                        else "not archived"))
    lines.append(f"  journal  {journal.path}")
    lines.append(f"  took     {outcome.duration:.1f} s")
    fields = dict(course=params.course, new_course={"code": params.code, "title": created.get("title")
                  or params.title, "url": created.get("url"), "created_now": not created.get("existed")},
                  backup=backup.as_dict() if backup is not None else journal.stage("backup"),
                  copy=report.as_dict() if report is not None else journal.stage("copy"),
                  copy_recovered=bool(data.get("copy_recovered")),
                  stages={name: journal.stage(name) for name in rollover_flow.STAGES if journal.stage(name)},
                  journal=str(journal.path), seconds=round(outcome.duration, 3),
                  **outcome.summary())
    return Summary(lines, fields)

"""robot campaign PLAN, when it runs (the options: robot/commands/campaign.py; the pieces:
robot/campaign/): read and check the whole plan, keep this shard's courses, then either list every
step (--dry-run) or run them with workers, journalled, with live progress, and write the report.
``robot campaign merge JOURNAL...`` joins the journals of a campaign's shards into one report."""
from __future__ import annotations

import argparse
import difflib
import logging
import os
import queue
import secrets
import shutil
import signal
import tempfile
import threading
from dataclasses import replace
from pathlib import Path

from flows.course_list import ListParams, inventory_steps
from flows.login import steps_for
from robot.campaign import report as report_mod
from robot.campaign import teachers as teachers_mod
from robot.campaign.journal import Journal, default_path, scrubbed, unverified
from robot.campaign.plan import Plan, PlanError, PlanInvalid, PlannedCourse, command_specs, read_plan
from robot.campaign.progress import Progress, ProgressLogHandler
from robot.campaign.shards import parse_shard, shard_of
from robot.campaign.worker import Campaign, Worker
from robot.config import Config
from robot.errors import PartialFailure, RobotError, UsageError
from robot.files import folder_mode, make_dirs

from .. import implementation
from ..campaign import MAX_WORKERS, NAME
from ..context import Context
from ..site_commands import SITE_COMMANDS
from .common import config_from, knowledge, run_steps, settings_from, site_of, warm_host
from .signin import SharedSignIn, end_shared_sign_in, sign_in_once


def run(args: argparse.Namespace, ctx: Context) -> int:
    if args.plan == "merge":
        return merge(args, ctx)
    if args.journals:
        raise UsageError(f"unexpected arguments after the plan: {' '.join(args.journals)}")
    path = Path(args.plan)
    shard = parse_shard(args.shard)
    plan = read_plan(path)
    config = config_from(args, ctx)
    # absolute paths: the journal's must hold wherever the campaign is resumed from; no per-run
    # progress bars: the campaign's own display tells every worker's step
    config = replace(config, out=config.out.resolve(), recordings=config.recordings.resolve(), progress=False)
    errors = plan.errors + check_commands(plan, config) + shared_scratches(plan, args.workers)
    mine = [c for c in plan.courses if shard_of(c.code, shard[1]) == shard[0]]
    journal_path = Path(args.journal) if args.journal else default_path(path, shard)
    # one sign-in for the whole campaign (sso: one password login on the identity provider, which
    # the plan check and every worker share), ended whatever happens next
    needed = not args.dry_run and (args.yes or (bool(mine) and not args.offline_check))
    host = warm_host(ctx, settings_from(config, "sign-in")) if needed else None
    shared = sign_in_once(config, host=host) if needed else None
    try:
        return checked(ctx, args, config, plan, mine, shard, journal_path, errors, shared)
    finally:
        if shared is not None:
            end_shared_sign_in(config, shared, host=host)


def checked(ctx: Context, args: argparse.Namespace, config: Config, plan: Plan, mine: list[PlannedCourse],
            shard: tuple[int, int], journal_path: Path, errors: list[PlanError], shared: SharedSignIn | None) -> int:
    """The plan checked on the site (unless --offline-check), then shown (--dry-run) or run."""
    path = plan.path
    site_courses: dict[str, dict] = {}
    if shared is not None and mine and not args.offline_check:
        ctx.output.line(f"Checking the plan's courses on {config.url} (one login: My courses, or a platform "
                        "admin's course list)…")
        found, site_courses = check_on_site(mine, config, shared, ctx)
        errors = errors + found
    if errors:
        err = PlanInvalid(path, errors)
        tell_plan_errors(ctx, err)
        raise err
    if args.dry_run:
        return dry_run(ctx, plan, mine, config, shard, journal_path if args.resume else None)
    if not args.yes:
        return checked_only(ctx, args, plan, mine, shard)
    workers = worker_count(ctx, args.workers, len(mine))
    if args.resume and not journal_path.is_file():
        ctx.output.line(f"--resume: no journal at {journal_path} yet: this is the campaign's first run")
    journal = Journal.start(journal_path, plan, mine, shard, {c.code: shard_of(c.code, shard[1]) for c in plan.courses},
                            site=config.url, username=config.username, resume=args.resume, redact=ctx.redactor)
    journal.note("course_info", course_info(mine, site_courses))  # issue 19: who teaches what, for the report
    stem = Path(args.report) if args.report else report_mod.default_stem(journal_path, path, shard)
    assert shared is not None, "run() signs in for every run that gets here (--yes, no --dry-run)"
    return run_campaign(ctx, args, config, plan, mine, shard, journal, workers, stem, shared)


# --- checking the plan ----------------------------------------------------------------------------

def checked_only(ctx: Context, args: argparse.Namespace, plan: Plan, mine: list[PlannedCourse],
                 shard: tuple[int, int]) -> int:
    """No --yes: the plan is fine (it was checked whole); say what it would run and how to run it."""
    commands = sum(len(c.commands) for c in mine)
    how = " ".join(["robot", "campaign", str(args.plan), "--yes"] + (["--shard", args.shard] if args.shard else [])
                   + (["--workers", str(args.workers)] if args.workers != 2 else []))
    checked_on = "offline (the courses were not looked up on the site)" if args.offline_check else \
        "and its courses are on the site"
    ctx.output.line(f"The plan {plan.path} is fine, {checked_on}: it runs {commands} command(s) on {len(mine)} "
                    f"course(s){shard_note(shard)}. Nothing was run. To run it: {how}  "
                    "(or --dry-run to see every step)")
    ctx.output.document(NAME, True, checked=True, plan=str(plan.path), shard=f"{shard[0]}/{shard[1]}",
                        courses=len(mine), commands=commands, run=how)
    return 0


def tell_plan_errors(ctx: Context, err: PlanInvalid) -> None:
    ctx.output.document(NAME, False, exit_code=err.exit_code, plan=str(err.path),
                        errors=[e.as_dict() for e in err.errors])


def module_of(name: str):
    return implementation(next(m for m in SITE_COMMANDS if m.NAME == name))


def config_for(config: Config, args: argparse.Namespace) -> Config:
    """A command's settings: the campaign's, with the plan's `out` for that command (absolute: the
    journal's paths must hold wherever the campaign is resumed from)."""
    return replace(config, out=Path(args.out).resolve()) if getattr(args, "out", None) else config


def check_commands(plan: Plan, config: Config) -> list[PlanError]:
    """Build every command's plan as a dry run (what the command line checks before a browser starts:
    a year, a code, item names, a --backup file…); every error, with its line."""
    specs = command_specs()
    errors: list[PlanError] = []
    for course in plan.courses:
        for planned in course.commands:
            args = specs[planned.name].parse(planned.argv)
            args.dry_run, args.yes = True, True
            try:
                module_of(planned.name).plan(args, config_for(config, args))
            except RobotError as err:
                errors.append(PlanError(course.line, course.code, f"{planned.name}: {err.message}"))
    return errors


def shared_scratches(plan: Plan, workers: int) -> list[PlanError]:
    """Backups proven in one scratch course (``prove-restore``) cannot run at once: with several
    workers the second would find the scratch course busy (one robot per course) and fail."""
    users: dict[str, list[PlannedCourse]] = {}
    for course in plan.courses:
        for planned in course.commands:
            if "--prove-restore" in planned.argv:
                scratch = planned.argv[planned.argv.index("--prove-restore") + 1].upper()
                users.setdefault(scratch, []).append(course)
    if workers <= 1:
        return []
    return [PlanError(courses[1].line, courses[1].code,
                      f"{len(courses)} backups are proven in the scratch course {scratch} "
                      f"({', '.join(c.code for c in courses)}): with --workers {workers} two would need it at once "
                      "(one robot per course). Give each course (or each worker) its own scratch course, or run "
                      "with --workers 1")
            for scratch, courses in users.items() if len(courses) > 1]


def check_on_site(courses: list[PlannedCourse], config: Config, shared: SharedSignIn,
                  ctx: Context) -> tuple[list[PlanError], dict[str, dict]]:
    """Read the courses the account may act on, signed in as the campaign's workers will be (``form``:
    one login of its own; ``sso``: from the campaign's one sign-in): a teacher's My courses, or — for a
    platform admin (the site's admin course list opens for it) — every course of the platform, with
    their teachers (flows/course_list.py). Every course of the plan must be there (and every copy
    target among the courses the account teaches: Chamilo's copy lists only those); an unknown code is
    named with its line and the nearest known code. Returns (errors, {code: title and teachers})."""
    logger = logging.getLogger("robot")
    level = logger.level
    logger.setLevel(logging.WARNING)  # one line said it; the login's steps need no telling
    downloads = Path(tempfile.gettempdir()) / f"robot-plan-check-{secrets.token_hex(6)}"  # an admin's export: not in out
    try:
        outcome = run_steps(config, inventory_steps(details=False),
                            ListParams(site_of(config), downloads=downloads, details=False), "plan-check",
                            login=shared.plan() if shared.worker_state is not None else None, hosts=ctx.hosts)
    finally:
        logger.setLevel(level)
        shutil.rmtree(downloads, ignore_errors=True)
    admin = bool(outcome.data.get("admin"))
    mine = {code.upper() for code in outcome.data.get("my_courses", [])}
    platform = {c.code.upper(): c for c in outcome.data.get("courses") or []}
    known = set(platform) if admin else mine
    errors: list[PlanError] = []
    for course in courses:
        wanted = [(course.code, known, "")]
        for planned in course.commands:
            if planned.name == "copy" and "--to" in planned.argv:
                wanted.append((planned.argv[planned.argv.index("--to") + 1].upper(), mine,
                               "Chamilo's copy lists only those"))
            if "--prove-restore" in planned.argv:  # the scratch course a backup is proven in
                wanted.append((planned.argv[planned.argv.index("--prove-restore") + 1].upper(), mine,
                               "a scratch course must be one you teach"))
        for code, among, why in wanted:
            if code not in among:
                errors.append(PlanError(course.line, course.code,
                                        unknown_course(code, among, config.username, admin, target_why=why)))
    info = {code: {"title": c.title, "teachers": list(c.teachers)} for code, c in platform.items()}
    if not admin:  # a teacher's campaign: they teach every course it checked
        info = {code: {"teachers": [config.username]} for code in mine}
    return errors, info


def unknown_course(code: str, among: set[str], username: str, admin: bool, *, target_why: str = "") -> str:
    """Why a plan's code was refused, with the nearest code the site knows. ``target_why``: the code
    is another course a command needs (a copy's target, a scratch course), and why it must be taught."""
    close = difflib.get_close_matches(code, sorted(among), n=1, cutoff=0.6)
    hint = f" — did you mean {close[0]}?" if close else ""
    if target_why:
        return f"{code} is not among the courses {username!r} teaches (My courses): {target_why}{hint}"
    if admin:
        return f"{code} is not a course of the platform (Administration → Courses → Course list){hint}"
    return (f"{code} is not among the courses {username!r} teaches (My courses): it does not exist, or you do not "
            f"teach it{hint}")


def course_info(courses: list[PlannedCourse], site: dict[str, dict]) -> dict[str, dict]:
    """This shard's courses: title and teachers as the site said, the plan's `teachers` column first."""
    out = {}
    for course in courses:
        entry = dict(site.get(course.code) or {})
        if course.teachers:
            entry["teachers"] = list(course.teachers)
        out[course.code] = entry
    return out


def worker_count(ctx: Context, asked: int, courses: int) -> int:
    if asked < 1:
        raise UsageError("--workers must be 1 or more")
    if asked > MAX_WORKERS:
        ctx.output.warn(f"--workers {asked}: capped at {MAX_WORKERS}. Each worker is a Chromium (about 100 MiB and "
                        "a share of the CPUs) and one more session working on the Chamilo site at once; beyond "
                        f"{MAX_WORKERS} the site, not the robot, sets the pace. Use --shard to spread a campaign "
                        "over machines")
    return max(1, min(asked, MAX_WORKERS, courses))


def shard_note(shard: tuple[int, int]) -> str:
    return f" (shard {shard[0]}/{shard[1]})" if shard[1] > 1 else ""


# --- --dry-run ------------------------------------------------------------------------------------

def dry_run(ctx: Context, plan: Plan, courses: list[PlannedCourse], config: Config, shard: tuple[int, int],
            journal_path: Path | None) -> int:
    """Every step of every command of this shard's courses, as a worker would click them. No page opened."""
    out, k = ctx.output, knowledge()
    specs = command_specs()
    journal = Journal.connect(journal_path) if journal_path is not None and journal_path.is_file() else None
    out.line(f"Dry run of {plan.path}{shard_note(shard)}: {len(courses)} course(s); nothing will be clicked or "
             "changed. Each command's steps (a worker signs in once: its next commands' login steps find it "
             "signed in and type nothing):")
    listed = []
    for course in courses:
        out.line(f"{course.code}" + (f"  (line {course.line})" if course.line else ""))
        commands = []
        for position, planned in enumerate(course.commands):
            args = specs[planned.name].parse(planned.argv)
            args.dry_run, args.yes = True, True
            command_plan = module_of(planned.name).plan(args, config_for(config, args))
            steps = [*steps_for(config.login), *command_plan.steps]
            state = ""
            if journal is not None:
                row = journal.command(course.code, position)
                if row.status == "done" and unverified(row.name, row.evidence) is None:
                    state = "done in the journal: skipped"
            note = ("  — guarded by the backup above (verified again before anything is clicked)"
                    if planned.backup_guarded else "")
            out.line(f"  {planned.name} {' '.join(planned.argv[2:])}{note}" + (f"  [{state}]" if state else ""))
            for i, st in enumerate(steps, 1):
                flag = "  (changes the site)" if st.changes_site else ""
                out.line(f"    {i:2d}. {st.name:<26} {st.caption(config.lang)}{flag}")
            commands.append({"command": planned.name, "argv": planned.argv, "guarded_by_backup": planned.backup_guarded,
                             "journal": state or None,
                             "steps": [{"name": st.name, "caption": st.caption(config.lang),
                                        "target": st.describe_target(k), "changes_site": st.changes_site}
                                       for st in steps]})
        listed.append({"code": course.code, "line": course.line, "commands": commands})
    if journal is not None:
        journal.close()
    out.document(NAME, True, dry_run=True, plan=str(plan.path), shard=f"{shard[0]}/{shard[1]}", courses=listed)
    return 0


# --- the run --------------------------------------------------------------------------------------

def run_campaign(ctx: Context, args: argparse.Namespace, config: Config, plan: Plan, courses: list[PlannedCourse],
                 shard: tuple[int, int], journal: Journal, workers: int, stem: Path, shared: SharedSignIn) -> int:
    out = ctx.output
    err_stream = out.err
    live = bool(getattr(err_stream, "isatty", lambda: False)()) and not out.as_json
    progress = Progress(len(courses), workers, err_stream, live=live, verbose=bool(getattr(args, "verbose", False)),
                        redact=ctx.redactor)
    base = downloads_base(config, courses)
    make_dirs(base, folder_mode(config.group_readable))  # before the workers' private download folders in it
    downloads = base / ".robot-downloads" / f"campaign-{os.getpid()}"
    campaign = Campaign(config=config, journal=journal, progress=progress, specs=command_specs(),
                        downloads_root=downloads, shared=shared)
    todo: "queue.Queue[PlannedCourse]" = queue.Queue()
    for course in courses:
        todo.put(course)
    out.line(f"Campaign {plan.path}{shard_note(shard)}: {len(courses)} course(s), {workers} worker(s); "
             f"journal {journal.path}")
    logger = logging.getLogger("robot")
    muted = {h: h.level for h in logger.handlers}
    for h in muted:  # the engine's lines go through the progress display, named after their worker
        h.setLevel(logging.CRITICAL + 1)
    handler = ProgressLogHandler(progress, logging.INFO if getattr(args, "verbose", False) else logging.WARNING)
    logger.addHandler(handler)
    threads = [Worker(i, campaign, todo) for i in range(1, workers + 1)]
    interrupted = False
    stop_on_sigterm = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _interrupt) if stop_on_sigterm else None
    try:
        with progress:
            for t in threads:
                t.start()
            interrupted = wait(threads, campaign)
    finally:
        if stop_on_sigterm:
            signal.signal(signal.SIGTERM, previous)
        logger.removeHandler(handler)
        for h, level in muted.items():
            h.setLevel(level)
        journal.close()
        shutil.rmtree(downloads, ignore_errors=True)
        try:
            downloads.parent.rmdir()  # .robot-downloads, when no other run uses it
        except OSError:
            pass
    doc = report_mod.build([journal.path])
    html, js = report_mod.write(doc, stem, redact=ctx.redactor)
    totals = doc["totals"]
    out.line(f"{totals['ok']} of {totals['courses']} course(s) done, {totals['failed']} failed"
             + (f", {totals['interrupted'] + totals['not_run']} not finished" if totals['interrupted'] + totals['not_run'] else "")
             + f". Report: {html} (and {js.name})")
    summaries = teacher_summaries(ctx, args, doc, config.lang)
    resume = resume_command(args, journal.path)
    unfinished = totals["interrupted"] + totals["not_run"]
    interrupted = interrupted and bool(unfinished)  # stopped after the last course: nothing left to finish
    if interrupted or campaign.fatal or unfinished:
        out.line(f"To finish it: {resume}")
    out.document(NAME, not (totals["failed"] or totals["interrupted"] or totals["not_run"] or campaign.fatal),
                 plan=str(plan.path), shard=f"{shard[0]}/{shard[1]}", journal=str(journal.path), report=str(html),
                 report_json=str(js), totals=totals, resume=resume, teacher_summaries=summaries,
                 courses=[{"code": c["code"], "status": c["status"],
                           "commands": [{"name": x["name"], "status": x["status"]} for x in c["commands"]]}
                          for c in doc["courses"]])
    if campaign.fatal:
        raise campaign.fatal[0]
    if interrupted:
        raise KeyboardInterrupt
    if totals["failed"] or totals["interrupted"] or totals["not_run"]:
        failed = [c["code"] for c in doc["courses"] if c["status"] != "ok"]
        raise PartialFailure(f"{len(failed)} course(s) not done: {', '.join(failed[:20])}"
                             f"{'…' if len(failed) > 20 else ''}; see {html}")
    return 0


def downloads_base(config: Config, courses: list[PlannedCourse]) -> Path:
    """Where the workers' browsers download (on the disk of the zips, which are renamed there): the
    plan's own ``out`` when its commands give one — then ROBOT_OUT is not made for nothing — else
    ROBOT_OUT."""
    for course in courses:
        for planned in course.commands:
            if "--out" in planned.argv[:-1]:
                return Path(planned.argv[planned.argv.index("--out") + 1]).resolve()
    return config.out


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM (a pod being stopped, `kill`): as a Ctrl-C — the running steps end, the report is written."""
    raise KeyboardInterrupt


def wait(threads: list[Worker], campaign: Campaign) -> bool:
    """Wait for the workers. Ctrl-C: the running steps end, then they stop (a second Ctrl-C: at once).
    True when interrupted."""
    interrupted = False
    while not all(t.ended.is_set() for t in threads):
        try:
            for t in threads:
                t.ended.wait(0.25)
        except KeyboardInterrupt:
            if interrupted:
                campaign.progress.log("second Ctrl-C: stopping now (the journal is up to date)")
                return True
            interrupted = True
            campaign.stop.set()
            campaign.progress.log("Ctrl-C: each worker stops once its running step (or attempt) ends "
                                  "(Ctrl-C again to stop at once)")
    return interrupted


def resume_command(args: argparse.Namespace, journal: Path) -> str:
    parts = ["robot", "campaign", str(args.plan), "--yes", "--resume", "--journal", str(journal)]
    if args.shard:
        parts += ["--shard", args.shard]
    if args.workers != 2:
        parts += ["--workers", str(args.workers)]
    return " ".join(parts)


# --- merge ----------------------------------------------------------------------------------------

def merge(args: argparse.Namespace, ctx: Context) -> int:
    """The shards' journals → one report; a course seen twice, or planned and in no journal, is an error."""
    paths = [Path(p) for p in args.journals]
    if not paths:
        raise UsageError("robot campaign merge JOURNAL...: give the journals of the campaign's shards")
    journals = report_mod.read_journals(paths)
    problems = report_mod.merge_problems(journals)
    if problems:
        ctx.output.document(NAME, False, exit_code=2, problems=problems)
        raise UsageError(f"cannot merge {len(paths)} journal(s) into one report:\n  " + "\n  ".join(problems))
    doc = report_mod.build(journals)
    plan_name = Path(doc.get("plan") or "campaign").stem
    stem = Path(args.report) if args.report else paths[0].with_name(f"{plan_name}-report")
    html, js = report_mod.write(doc, stem, redact=ctx.redactor)
    totals = doc["totals"]
    ctx.output.line(f"{len(paths)} journal(s), {totals['courses']} course(s): {totals['ok']} done, "
                    f"{totals['failed']} failed, {totals['interrupted'] + totals['not_run']} not finished. "
                    f"Report: {html} (and {js.name})")
    summaries = teacher_summaries(ctx, args, doc, getattr(args, "lang", None) or "en")
    ok = totals["ok"] == totals["courses"]
    ctx.output.document(NAME, ok, merged=[str(p) for p in paths], report=str(html), report_json=str(js), totals=totals,
                        teacher_summaries=summaries)
    if not ok:
        raise PartialFailure(f"{totals['courses'] - totals['ok']} course(s) not done; see {html}")
    return 0


def teacher_summaries(ctx: Context, args: argparse.Namespace, doc: dict, lang: str) -> str | None:
    """--teacher-summaries DIR: one page per teacher and summaries.csv (issue 19); the folder, or None."""
    if not getattr(args, "teacher_summaries", None):
        return None
    folder = Path(args.teacher_summaries)
    csv_path, pages = teachers_mod.write_summaries(scrubbed(doc, ctx.redactor), folder, lang)
    ctx.output.line(f"Per-teacher summaries: {len(pages)} page(s) in {folder} (and {csv_path.name})")
    return str(folder)

"""robot courses: read the courses the signed-in account can act on (flows/course_list.py), filter
them, and tell them — a table, CSV (--csv) or JSON (--json) — and, with --plan FILE, write a campaign
plan for them (robot/campaign/plan_file.py)."""
from __future__ import annotations

import argparse
import csv
import io
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import Callable, TextIO

from flows import course_list as course_list_flow
from robot.campaign.plan_file import check_commands, write_plan
from robot.config import Config
from robot.csv_cells import safe_row
from robot.engine.run import RunOutcome
from robot.errors import UsageError
from robot.texts import Say

from ..context import Context
from ..courses import NAME
from .common import CommandPlan, Summary, config_from, execute_plan, print_plan, knowledge, site_of

COLUMNS = ("code", "title", "language", "category", "visibility", "teachers", "learners")


def params_from(args: argparse.Namespace, config: Config) -> course_list_flow.ListParams:
    if not 1 <= args.page_size <= 5000:
        raise UsageError("--page-size must be between 1 and 5000")
    folder = Path(tempfile.gettempdir()) / f"robot-courses-{secrets.token_hex(6)}"  # made when a file comes
    return course_list_flow.ListParams(site=site_of(config), search=args.search.strip(), page_size=args.page_size,
                                       downloads=folder)


def plan(args: argparse.Namespace, config: Config) -> CommandPlan:
    params = params_from(args, config)
    names = check_commands(args.do) if args.plan else []
    if args.plan and Path(args.plan).exists():
        raise UsageError(f"--plan {args.plan}: the file exists (it may hold your edits): give another name or remove it")
    steps = course_list_flow.inventory_steps()

    say = Say(config.lang)

    def summarise(outcome: RunOutcome) -> Summary:
        courses = course_list_flow.select(outcome.data.get("courses") or [], search=args.search,
                                          teacher=args.teacher, category=args.category)
        admin = bool(outcome.data.get("admin"))
        scope = (say("every course of the platform (platform admin)", "tous les cours de la plateforme "
                     "(administrateur)") if admin else
                 say("the courses {me!r} teaches (My courses)", "les cours que {me!r} enseigne (Mes cours)",
                     me=config.username))
        lines = [say("{n} course(s): {scope}", "{n} cours : {scope}", n=len(courses), scope=scope) + _filters(args)]
        fields = {"admin": admin, "courses": [c.as_dict() for c in courses], "seconds": round(outcome.duration, 3),
                  **outcome.summary()}
        if args.plan and not courses:
            lines.append(say("No plan written: no course to put in {plan}", "Aucun plan écrit : aucun cours à mettre "
                             "dans {plan}", plan=args.plan))
        elif args.plan:
            n = write_plan(Path(args.plan), fields["courses"], names)
            lines.append(say("Plan: {plan} ({n} course(s), do {do}) — edit it, then check it with `robot campaign "
                             "{plan}`", "Plan : {plan} ({n} cours, do {do}) — modifiez-le, puis vérifiez-le avec "
                             "`robot campaign {plan}`", plan=args.plan, n=n, do="+".join(names)))
            fields["plan"] = str(args.plan)
        return Summary(lines, fields)

    return CommandPlan(NAME, "all", steps, params, summarise, downloads=params.downloads,
                       dry_fields={"search": args.search, "teacher": args.teacher, "category": args.category})


def run(args: argparse.Namespace, ctx: Context) -> int:
    if args.csv == "-" and args.json:
        raise UsageError("--csv without a FILE writes the CSV on the standard output: not with --json "
                         "(give --csv FILE, or leave one out)")
    config = config_from(args, ctx)
    command_plan = plan(args, config)
    if args.dry_run:
        return print_plan(ctx, NAME, command_plan.steps, config.lang, knowledge(), login=config.login,
                          **command_plan.dry_fields)
    try:
        outcome = execute_plan(config, command_plan, hosts=ctx.hosts)
    finally:  # the admin's export, read (a warm browser's own download folder is not the run's)
        shutil.rmtree(command_plan.params.downloads, ignore_errors=True)
    summary = command_plan.summarise(outcome)
    courses = summary.fields["courses"]
    out = ctx.output
    if args.csv == "-":  # the standard output holds the CSV: what was done goes to the error stream
        _write_csv(courses, args.csv, out.out, out.redact)
        for line in summary.lines:
            out.warn(line)
        return 0
    if args.csv:
        _write_csv(courses, args.csv, out.out, out.redact)
        summary.lines.append(Say(config.lang)("CSV: {csv} ({n} course(s))", "CSV : {csv} ({n} cours)", csv=args.csv,
                                              n=len(courses)))
        summary.fields["csv"] = str(args.csv)
    elif not out.as_json:
        for line in table(courses):
            out.line(line)
    for line in summary.lines:
        out.line(line)
    out.document(NAME, True, **summary.fields)
    return 0


def _filters(args: argparse.Namespace) -> str:
    given = [f"{name} {value!r}" for name, value in (("search", args.search), ("teacher", args.teacher),
                                                     ("category", args.category)) if value]
    return f" ({', '.join(given)})" if given else ""


def rows_of(courses: list[dict]) -> list[list[str]]:
    return [[str(c["code"]), c["title"], c["language"], c["category"], c["visibility"], " ".join(c["teachers"]),
             str(c["learners"])] for c in courses]


def table(courses: list[dict], width: int = 38) -> list[str]:
    """A plain text table: one line per course, columns aligned, long titles cut."""
    rows = [list(COLUMNS)] + [[r[0], _cut(r[1], width), *r[2:]] for r in rows_of(courses)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    fmt = lambda row: "  ".join(cell.ljust(widths[i]) if i < len(row) - 1 else cell.rjust(widths[i])  # noqa: E731
                                for i, cell in enumerate(row)).rstrip()
    return [fmt(rows[0]), "  ".join("-" * w for w in widths)] + [fmt(r) for r in rows[1:]]


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _write_csv(courses: list[dict], target: str, stdout: TextIO, redact: Callable[[str], str]) -> None:
    """`;`-separated, one line per course, teachers separated by spaces; every cell safe for a spreadsheet."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(safe_row(r) for r in rows_of(courses))
    text = redact(buf.getvalue())
    if target == "-":
        stdout.write(text)
        stdout.flush()
        return
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8-sig")

"""robot campaign PLAN.toml, when it runs (the plan's format: robot/commands/campaign.py): read the
plan, turn each course's commands into command lines, run them one after the other through the CLI's
``main`` (handed over as ``ctx.main``), write the report."""
from __future__ import annotations

import argparse
import getpass
import io
import json
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from robot.config import load
from robot.errors import PartialFailure, UsageError

from ..campaign import NAME
from ..context import Context
from ..site_commands import SITE_COMMANDS


@dataclass
class Run:
    course: str
    command: str
    argv: list[str]
    exit_code: int | None = None
    seconds: float = 0.0
    summary: dict[str, Any] = field(default_factory=dict)
    error: str = ""

    @property
    def status(self) -> str:
        return {None: "not run", 0: "ok"}.get(self.exit_code, "failed")


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    """The parser of each command a campaign can run (their options become the plan's keys)."""
    subs: dict[str, argparse.ArgumentParser] = {}
    for command in SITE_COMMANDS:
        subs[command.NAME] = argparse.ArgumentParser(prog=f"robot {command.NAME}")
        command.add_arguments(subs[command.NAME])
    return subs


def _option_names(sub: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    return {opt: a for a in sub._actions for opt in a.option_strings}


def _as_flags(options: dict[str, Any], known: dict[str, argparse.Action]) -> list[str]:
    argv: list[str] = []
    for key, value in options.items():
        flag = f"--{key.replace('_', '-')}"
        if flag not in known or value is None or value is False:
            continue
        if value is True:
            argv.append(flag)
        elif isinstance(value, list):
            argv += [flag, ",".join(str(v) for v in value)]
        else:
            argv += [flag, str(value)]
    return argv


def plan_runs(plan: dict[str, Any], *, dry_run: bool, env_file: str) -> list[Run]:
    subs = _subparsers()
    defaults = plan.get("defaults", {})
    courses = plan.get("course") or plan.get("courses")
    if not isinstance(courses, list) or not courses:
        raise UsageError("the plan has no [[course]] entries")
    runs: list[Run] = []
    for n, entry in enumerate(courses, 1):
        code = str(entry.get("code") or "").strip().upper()
        if not code:
            raise UsageError(f"[[course]] number {n} has no code")
        todo = entry.get("do") or ["backup"]
        options = {k: v for k, v in entry.items() if k not in ("code", "do")}
        for command in todo:
            if command not in subs:  # campaign, sandbox and demo are not site commands
                raise UsageError(f"course {code}: {command!r} is not a command a campaign can run")
            known = _option_names(subs[command])
            course_flag = "--course" if "--course" in known else "--from" if "--from" in known else None
            if course_flag is None:
                raise UsageError(f"course {code}: {command!r} does not work on an existing course")
            argv = [command, course_flag, code, *_as_flags({**defaults, **options}, known), "--json",
                    "--env-file", env_file]
            if dry_run:
                argv.append("--dry-run")
            elif "--yes" in known:
                argv.append("--yes")
            runs.append(Run(course=code, command=command, argv=argv))
    return runs


def run(args: argparse.Namespace, ctx: Context) -> int:
    robot_main = ctx.main
    if robot_main is None:
        raise RuntimeError("a campaign runs its commands through the CLI: ctx.main is not set")
    path = Path(args.plan)
    try:
        plan = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise UsageError(f"cannot read the plan {path}: {err.strerror}") from None
    except tomllib.TOMLDecodeError as err:
        raise UsageError(f"the plan {path} is not valid TOML: {err}") from None
    runs = plan_runs(plan, dry_run=args.dry_run, env_file=args.env_file)
    if not args.dry_run and not args.yes:
        raise UsageError(f"the plan runs {len(runs)} command(s) on {len({r.course for r in runs})} course(s); "
                         "add --yes to go (or --dry-run to see them)")
    environ = dict(ctx.environ)
    if not args.dry_run:  # ask for the password once, not once per command
        config = load({}, environ, args.env_file, need_login=True)
        if not config.password:
            if not ctx.stdin_isatty:
                raise UsageError("no password: set CHAMILO_PASSWORD (environment or .env)")
            environ["CHAMILO_PASSWORD"] = getpass.getpass(f"Chamilo password for {config.username}: ")
        ctx.redactor.add(environ.get("CHAMILO_PASSWORD") or (config.password.reveal() if config.password else ""))
    out = ctx.output
    failed_courses: set[str] = set()
    for i, r in enumerate(runs, 1):
        if r.course in failed_courses:
            continue
        out.line(f"[{i}/{len(runs)}] robot {' '.join(a for a in r.argv if a not in ('--json',))}")
        buf_out, buf_err = io.StringIO(), io.StringIO()
        t0 = time.monotonic()
        r.exit_code = robot_main(r.argv, env=environ, stdout=buf_out, stderr=buf_err)
        r.seconds = round(time.monotonic() - t0, 2)
        try:
            r.summary = json.loads(buf_out.getvalue() or "{}")
        except json.JSONDecodeError:
            r.summary = {}
        if r.exit_code:
            r.error = (r.summary.get("error") or {}).get("message") or buf_err.getvalue().strip()[-500:]
            failed_courses.add(r.course)
            out.line(f"      failed (exit {r.exit_code}): {r.error}")
        else:
            out.line(f"      ok ({r.seconds:.1f} s)")
    report = write_report(path, args.report, runs)
    ok = not failed_courses
    out.line(f"{sum(r.exit_code == 0 for r in runs)} of {len(runs)} commands done; "
             f"{len(failed_courses)} course(s) failed. Report: {report}")
    out.document(NAME, ok, report=str(report), runs=[{"course": r.course, "command": r.command,
                                                      "status": r.status, "exit_code": r.exit_code,
                                                      "seconds": r.seconds, "error": r.error} for r in runs])
    if not ok:
        raise PartialFailure(f"{len(failed_courses)} course(s) failed: {', '.join(sorted(failed_courses))}; "
                             f"see {report}")
    return 0


def write_report(plan: Path, stem: str | None, runs: list[Run]) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    base = Path(stem) if stem else plan.with_name(f"{plan.stem}-report-{stamp}")
    base.parent.mkdir(parents=True, exist_ok=True)
    doc = {"schema_version": 1, "plan": str(plan), "finished": stamp,
           "runs": [{"course": r.course, "command": r.command, "argv": r.argv, "status": r.status,
                     "exit_code": r.exit_code, "seconds": r.seconds, "error": r.error, "result": r.summary}
                    for r in runs]}
    base.with_suffix(".json").write_text(json.dumps(doc, indent=2, ensure_ascii=False, default=str))
    lines = [f"# Campaign report — {plan.name} — {stamp}", "", "| course | command | status | seconds | detail |",
             "|---|---|---|---|---|"]
    for r in runs:
        detail = r.error or r.summary.get("path") or ""
        lines.append(f"| {r.course} | {r.command} | {r.status} | {r.seconds} | {str(detail).replace('|', '/')} |")
    base.with_suffix(".md").write_text("\n".join(lines) + "\n")
    return base.with_suffix(".md")

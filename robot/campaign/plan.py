"""Campaign plans: which commands to run on which course, from a TOML or a CSV file.

TOML::

    [defaults]                    # options for every command that takes them
    out = "backups/2026"

    [[course]]
    code = "MATHS"
    do = ["backup", "rollover"]   # or "backup+rollover"; in order, a course stops at its first failure
    year = 2027
    on-conflict = "rename"

CSV (what a spreadsheet exports; `,` `;` or tab, UTF-8 with or without BOM), one row per course::

    code,do,year,on-conflict,title,message
    MATHS,backup+rollover,2027,rename,,
    HIST,backup+announce,,,End of the course,Save your work

Keys / columns are the commands' own options without their dashes (`on-conflict`, `year`, `items`,
`backup-first`…); site options (`url`, `lang`, …) belong to the campaign's command line. A flag
takes true/false (CSV: yes/no, true/false, 1/0, x). Reading checks what needs no site: every error
(unknown command or option, missing option, bad value, duplicate course, a destructive command with no
verified backup before it) is collected with its line number. Light: argparse and the standard
library only.
"""
from __future__ import annotations

import argparse
import csv
import difflib
import hashlib
import io
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from robot.commands.options import add_site_arguments
from robot.commands.site_commands import SITE_COMMANDS
from robot.errors import UsageError

# columns to read, not options (issue 19: `robot courses --plan` writes them): the course's teachers
# (usernames separated by spaces or commas; who gets the per-teacher summary) and its title
INFO_COLUMNS = ("teachers", "course_title")
TRUE = {"yes", "y", "true", "1", "x", "oui", "o", "on"}
FALSE = {"no", "n", "false", "0", "non", "off", ""}
_KEY = re.compile(r'^\s*"?([A-Za-z0-9_-]+)"?\s*=')


@dataclass
class PlannedCommand:
    name: str
    argv: list[str]  # the command's own options, as typed after `robot NAME` (course included)
    backup_guarded: bool = False  # destructive, guarded by the course's earlier `backup` (no option given)


@dataclass
class PlannedCourse:
    code: str
    line: int | None
    commands: list[PlannedCommand] = field(default_factory=list)
    teachers: list[str] = field(default_factory=list)  # the plan's `teachers` column, when given


@dataclass
class Plan:
    path: Path
    digest: str  # sha256 of the file's bytes
    courses: list[PlannedCourse]  # the entries without errors
    errors: list["PlanError"] = field(default_factory=list)

    def course(self, code: str) -> PlannedCourse | None:
        return next((c for c in self.courses if c.code == code), None)


@dataclass(frozen=True)
class PlanError:
    line: int | None
    course: str | None
    message: str

    def describe(self, path: Path) -> str:
        where = f"{path.name}:{self.line}" if self.line else path.name
        return f"{where}: " + (f"course {self.course}: " if self.course else "") + self.message

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "course": self.course, "message": self.message}


class PlanInvalid(UsageError):
    """The plan has errors: all of them, nothing ran."""

    def __init__(self, path: Path, errors: list[PlanError]) -> None:
        self.path = path
        self.errors = sorted(errors, key=lambda e: (e.line or 0, e.message))
        lines = "\n".join("  " + e.describe(path) for e in self.errors)
        super().__init__(f"the plan {path} has {len(self.errors)} error(s); nothing was run:\n{lines}")


# --- the commands a plan may name ---------------------------------------------------------------

class _Refusal(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # noqa: D401 - argparse's hook: raise instead of exiting
        raise _Refusal(message)


@dataclass
class CommandSpec:
    """What a plan may say for one command: its course option and its own options."""

    name: str
    parser: argparse.ArgumentParser
    course_flag: str
    options: dict[str, argparse.Action]  # "--year" → action, site options left out

    def parse(self, argv: list[str]) -> argparse.Namespace:
        """The command's arguments (raises _Refusal with argparse's message)."""
        return self.parser.parse_args(argv)

    @property
    def guarded(self) -> bool:
        """Destructive: needs a verified backup (--backup-first / --backup FILE)."""
        return "--backup-first" in self.options


def _site_flags() -> set[str]:
    p = argparse.ArgumentParser(add_help=False)
    add_site_arguments(p, changes_site=True)
    return {flag for a in p._actions for flag in a.option_strings}


def command_specs() -> dict[str, CommandSpec]:
    """The site commands that work on an existing course (create-course does not: rollover does it)."""
    site = _site_flags()
    specs: dict[str, CommandSpec] = {}
    for command in SITE_COMMANDS:
        parser = _Parser(prog=f"robot {command.NAME}", add_help=False)
        command.add_arguments(parser)
        flags = {flag: a for a in parser._actions for flag in a.option_strings}
        course_flag = "--course" if "--course" in flags else "--from" if "--from" in flags else None
        if course_flag is None:
            continue
        own = {flag: a for flag, a in flags.items() if flag not in site and flag != course_flag}
        specs[command.NAME] = CommandSpec(command.NAME, parser, course_flag, own)
    return specs


# --- reading ------------------------------------------------------------------------------------

@dataclass
class _Entry:
    """One course of the file before checking: its keys and where each was written."""

    index: int
    line: int | None
    values: dict[str, Any]
    lines: dict[str, int]


def read_plan(path: Path) -> Plan:
    """Read and check a plan (what needs no site): its courses, and every error found (the caller
    adds the errors only the flows or the site can tell, then refuses with all of them at once)."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise UsageError(f"cannot read the plan {path}: {err.strerror}") from None
    text = raw.decode("utf-8-sig", errors="replace")
    errors: list[PlanError] = []
    if path.suffix.lower() == ".csv":
        defaults, default_lines, entries = {}, {}, _read_csv(text, errors)
    else:
        defaults, default_lines, entries = _read_toml(text, errors)
    courses = _check(entries, defaults, default_lines, errors)
    if not courses and not errors:
        errors.append(PlanError(None, None, "no course in the plan"))
    return Plan(path=path, digest=hashlib.sha256(raw).hexdigest(), courses=courses, errors=errors)


def _read_toml(text: str, errors: list[PlanError]) -> tuple[dict, dict, list[_Entry]]:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        m = re.search(r"line (\d+)", str(err))
        errors.append(PlanError(int(m.group(1)) if m else None, None, f"not valid TOML: {err}"))
        return {}, {}, []
    default_lines, entry_lines = _toml_lines(text)
    for key in doc:
        if key not in ("defaults", "course", "courses"):
            errors.append(PlanError(None, None, f"unknown table [{key}] (a plan has [defaults] and [[course]])"))
    defaults = doc.get("defaults") or {}
    courses = doc.get("course") or doc.get("courses") or []
    if not isinstance(courses, list):
        errors.append(PlanError(None, None, "courses are written [[course]]"))
        courses = []
    entries = []
    for i, values in enumerate(courses):
        lines = entry_lines[i] if i < len(entry_lines) else {}
        entries.append(_Entry(i, lines.get("__header__"), dict(values), lines))
    return dict(defaults), default_lines, entries


def _toml_lines(text: str) -> tuple[dict[str, int], list[dict[str, int]]]:
    """Where each key of [defaults] and of each [[course]] is written (tomllib does not say)."""
    defaults: dict[str, int] = {}
    entries: list[dict[str, int]] = []
    current: dict[str, int] | None = None
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line.startswith("[["):
            current = {"__header__": n} if line.strip("[] ") in ("course", "courses") else None
            if current is not None:
                entries.append(current)
        elif line.startswith("["):
            current = defaults if line.strip("[] ") == "defaults" else None
        elif current is not None:
            m = _KEY.match(raw)
            if m:
                current.setdefault(m.group(1), n)
    return defaults, entries


def _read_csv(text: str, errors: list[PlanError]) -> list[_Entry]:
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    try:
        dialect = csv.Sniffer().sniff(first, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header: list[str] | None = None
    entries: list[_Entry] = []
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            errors.append(PlanError(start, None, f"not valid CSV: {err}"))
            break
        if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        if header is None:
            header = [cell.strip().lower() for cell in row]
            if "code" not in header:
                errors.append(PlanError(start, None, "the first row must name the columns, with a `code` column"))
                return []
            continue
        if len(row) > len(header):
            errors.append(PlanError(start, None, f"{len(row)} cells for {len(header)} columns"))
        values = {key: cell.strip() for key, cell in zip(header, row) if key and cell.strip()}
        entries.append(_Entry(len(entries), start, values, {key: start for key in values}))
    return entries


# --- checking -----------------------------------------------------------------------------------

def _commands_of(value: Any) -> list[str]:
    if value is None:
        return ["backup"]  # the guide, always first
    if isinstance(value, str):
        return [part.strip() for part in value.split("+") if part.strip()]
    if isinstance(value, list):
        return [str(part).strip() for part in value if str(part).strip()]
    return []


def _flag(key: str) -> str:
    return "--" + key.strip().lower().replace("_", "-")


def _as_argv(flag: str, action: argparse.Action, value: Any) -> list[str]:
    """One plan value as command-line words (a flag's value is yes/no)."""
    if action.nargs == 0:  # store_true
        if isinstance(value, bool):
            on = value
        elif str(value).strip().lower() in TRUE | FALSE:
            on = str(value).strip().lower() in TRUE
        else:
            raise ValueError(f"{flag[2:]} is yes or no, not {value!r}")
        return [flag] if on else []
    if isinstance(value, bool):
        raise ValueError(f"{flag[2:]} takes a value, not {str(value).lower()}")
    if isinstance(value, list):
        value = ",".join(str(v) for v in value)
    return [flag, str(value)]


def _check(entries: list[_Entry], defaults: dict[str, Any], default_lines: dict[str, int],
           errors: list[PlanError]) -> list[PlannedCourse]:
    specs = command_specs()
    all_options = {flag for spec in specs.values() for flag in spec.options}
    for key in defaults:
        if _flag(key) not in all_options:
            errors.append(PlanError(default_lines.get(key), None, f"[defaults] {key}: no command takes this option"
                                    + _suggest(_flag(key), all_options)))
    seen: dict[str, int | None] = {}
    courses: list[PlannedCourse] = []
    for entry in entries:
        course = _check_entry(entry, defaults, default_lines, specs, errors, seen)
        if course is not None:
            courses.append(course)
    return courses


def _check_entry(entry: _Entry, defaults: dict[str, Any], default_lines: dict[str, int],
                 specs: dict[str, CommandSpec], errors: list[PlanError],
                 seen: dict[str, int | None]) -> PlannedCourse | None:
    where = entry.line

    def fail(message: str, key: str | None = None, course: str | None = None) -> None:
        errors.append(PlanError(entry.lines.get(key, where) if key else where, course, message))

    code = str(entry.values.get("code") or "").strip().upper()
    if not code:
        fail(f"course number {entry.index + 1} has no code")
        return None
    if not re.fullmatch(r"[A-Z0-9_-]+", code):
        fail(f"{code!r} is not a course code (letters, digits, - and _)", "code")
        return None
    if code in seen:
        fail(f"the course is planned twice (first at line {seen[code]})" if seen[code] else
             "the course is planned twice", "code", code)
        return None
    seen[code] = where
    names = _commands_of(entry.values.get("do"))
    if not names:
        fail("`do` names no command", "do", code)
        return None
    planned = PlannedCourse(code, where, teachers=_usernames(entry.values.get("teachers")))
    options = {k: v for k, v in entry.values.items() if k not in ("code", "do", *INFO_COLUMNS)}
    used: set[str] = set()
    backed_up = False
    for name in names:
        spec = specs.get(name)
        if spec is None:
            known = ", ".join(sorted(specs))
            why = ("it does not work on an existing course (rollover creates next year's course)"
                   if name == "create-course" else f"choose among {known}" + _suggest(name, set(specs)))
            fail(f"unknown command {name!r} in `do`: {why}", "do", code)
            continue
        argv = [spec.course_flag, code]
        given: dict[str, str] = {}  # option flag → plan key
        for source, lines in ((defaults, default_lines), (options, entry.lines)):
            for key, value in source.items():
                flag = _flag(key)
                if flag not in spec.options:
                    continue
                if source is options:
                    used.add(key)
                try:
                    words = _as_argv(flag, spec.options[flag], value)
                except ValueError as err:
                    errors.append(PlanError(lines.get(key, where), code, f"{name}: {err}"))
                    continue
                argv += words
                given[flag] = key
        try:
            args = spec.parse(argv)
        except _Refusal as err:
            flags = re.findall(r"--[a-z][a-z0-9-]*", str(err))
            key = next((given[f] for f in flags if f in given), None)
            line = entry.lines.get(key) if key in options else default_lines.get(key) if key else None
            errors.append(PlanError(line or where, code, f"{name}: {err}"))
            continue
        guarded = False
        if spec.guarded and not args.backup and not args.backup_first and not getattr(args, "restore", None):
            if not backed_up:
                fail(f"{name} changes the course for good: it needs a verified backup first — put `backup` before it "
                     "in `do`, or give backup-first = yes (or backup = FILE)", "do", code)
                continue
            guarded = True
        if name == "backup" and not args.items:
            backed_up = True
        planned.commands.append(PlannedCommand(name, argv, backup_guarded=guarded))
    for key in options:
        if key not in used:
            takers = ", ".join(names)
            fail(f"option {key!r} is not an option of {takers}" + _suggest(_flag(key), {
                f for n in names if n in specs for f in specs[n].options}), key, code)
    return planned


def _usernames(value: Any) -> list[str]:
    words = value if isinstance(value, list) else re.split(r"[\s,|]+", str(value or ""))
    return [str(w).strip().lstrip("'") for w in words if str(w).strip()]


def _suggest(word: str, choices: set[str]) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1)
    return f" (did you mean {close[0].lstrip('-')!r}?)" if close else ""

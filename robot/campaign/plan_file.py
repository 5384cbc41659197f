"""Writing a campaign plan for a list of courses (`robot courses --plan FILE --do backup+archive`):
a CSV a spreadsheet opens (`;`, UTF-8 with BOM), one line per course, ready to edit and to check with
`robot campaign FILE`. Beside `code` and `do`, the columns each chosen command cannot do without
(rollover's `year`, announce's `title` and `message`) are there, empty, to fill in; and the
courses' teachers (`teachers`, usernames separated by spaces: who gets the per-teacher summary) and
title (`course_title`) are there to read — the plan check ignores both as options. Light: argparse
and the standard library only."""
from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path
from typing import Iterable, Sequence

from robot.csv_cells import safe_row
from robot.errors import UsageError

from .plan import INFO_COLUMNS, command_specs

DELIMITER = ";"


def check_commands(do: str) -> list[str]:
    """``backup+archive`` → ["backup", "archive"], each a command a plan may name (else UsageError)."""
    names = [part.strip() for part in do.split("+") if part.strip()]
    specs = command_specs()
    unknown = [n for n in names if n not in specs]
    if not names or unknown:
        raise UsageError(f"--do {do!r}: " + (f"unknown command(s) {', '.join(unknown)}; " if unknown else "")
                         + f"choose among {', '.join(sorted(specs))}, joined with +")
    return names


def required_columns(names: Sequence[str]) -> list[str]:
    """The options the commands cannot run without (required ones), as plan columns, in order."""
    specs = command_specs()
    out: list[str] = []
    for name in names:
        for flag, action in specs[name].options.items():
            column = flag.lstrip("-")
            if action.required and column not in out:
                out.append(column)
    return out


def write_plan(path: Path, courses: Iterable[dict], names: Sequence[str]) -> int:
    """Write the plan (refusing to replace an existing file: it may hold a team's edits); the number of lines."""
    if path.exists():
        raise UsageError(f"--plan {path}: the file exists (it may hold your edits): give another name or remove it")
    extra = required_columns(names)
    header = ["code", "do", *extra, *INFO_COLUMNS]
    rows = [header]
    for c in courses:
        rows.append(safe_row([c["code"], "+".join(names), *([""] * len(extra)),
                              " ".join(c.get("teachers") or []), c.get("title") or ""]))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".plan-", suffix=".csv", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh, delimiter=DELIMITER, lineterminator="\n").writerows(rows)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(rows) - 1

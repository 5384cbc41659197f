"""Cells the robot writes into CSV files that people open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula
by spreadsheet programs (CSV / formula injection): a learner named ``=HYPERLINK(...)`` would run in
the e-learning team's spreadsheet. Such a cell is written with a leading ``'``, which spreadsheets
show as text. Every CSV the robot writes (rosters, course lists, plans, summaries) goes through here.
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """``value`` as a CSV cell a spreadsheet shows as text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) or _quoted_formula(text) else text


def _quoted_formula(text: str) -> bool:
    """``text`` is a formula start behind one or more ``'`` (what ``safe_cell`` writes, or a value
    that itself began so): quoted once more on the way out, unquoted once on the way back, so that
    ``plain_cell`` gives every value back as it was."""
    return text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS)


def safe_row(row: Iterable[Any]) -> list[str]:
    return [safe_cell(v) for v in row]


def safe_dict(row: Mapping[str, Any]) -> dict[str, str]:
    return {k: safe_cell(v) for k, v in row.items()}


def plain_cell(text: str | None) -> str:
    """A cell read back from a CSV the robot wrote: without the ``'`` that ``safe_cell`` put before
    a formula start (or before a value that itself began with ``'=``)."""
    text = text or ""
    return text[1:] if _quoted_formula(text) else text


def plain_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: plain_cell(v) if isinstance(v, str) else v for k, v in row.items()}

"""Reading the Users tool's tables (the users list, the enrolment page) as they are: SortableTables whose
rows hold a ``user[]`` checkbox (the user id) and whose columns are known by their sort links
(``<list>_column=N``), never by their translated headings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from robot.engine.steps import StepContext

from .course_admin import open_tool

@dataclass
class Member:
    user_id: str
    login: str
    name: str
    can_unsubscribe: bool


def read_table(s: StepContext, list_name: str, name_columns: tuple[int, ...] | None = None) -> list[Member] | None:
    """The rows of the SortableTable ``list_name`` on this page (None when the table is absent).
    ``name_columns``: the sort columns of the first and last name (default: the users list's)."""
    data = s.page.evaluate(s.k.users.TABLE_JS, [s.k.users.table(list_name), list_name, s.k.users.row_checkbox,
                                                s.k.users.unregister_links])
    if data is None:
        return None
    cols = {int(k): v for k, v in data["columns"].items()}
    login_at = cols.get(s.k.users.LOGIN_COLUMN)
    name_at = [cols[c] for c in (name_columns or s.k.users.NAME_COLUMNS) if c in cols]
    out = []
    for row in data["rows"]:
        cells = row["cells"]
        login = cells[login_at] if login_at is not None and login_at < len(cells) else ""
        name = " ".join(cells[i] for i in sorted(name_at) if i < len(cells)).strip()
        out.append(Member(user_id=row["id"], login=login, name=name, can_unsubscribe=row["unregister"]))
    return out


def pager_counts(s: StepContext) -> tuple[int, int, int] | None:
    """(first, last, total) of the pager text "1 - 20 / 25" (digits only: language-neutral)."""
    texts = s.page.locator(s.k.users.pager_text).all_inner_texts()
    for text in texts:
        m = re.search(r"(\d+)\s*-\s*(\d+)\s*/\s*(\d+)", text)
        if m:
            return int(m[1]), int(m[2]), int(m[3])
    return None


def open_users(s: StepContext) -> None:
    open_tool(s, s.k.users.tool_link, "The “Users” tool")


def show_all(s: StepContext, list_name: str, fallback_url: str) -> None:
    """Every row on one page: the per-page select's biggest option ("All"), or — when the select
    is absent or did not help — ``fallback_url`` (the list's URL, site-relative) with a correctly
    encoded per-page value (the pager links of 1.11.32 are broken, UI-REFERENCE §12)."""
    select = s.page.locator(s.k.users.per_page(list_name))
    counts = pager_counts(s)
    if select.count() and counts and counts[1] < counts[2]:
        values = select.first.locator("option").evaluate_all("os => os.map(o => o.value)")
        biggest = max(values, key=lambda v: int(v) if v.isdigit() else 0)
        s.mark(select)
        with s.page.expect_navigation(wait_until=s.wait_until, timeout=s.timeout_ms) as nav:
            select.first.select_option(biggest)
        s.check_response(nav.value)
        counts = pager_counts(s)
    if counts and counts[1] < counts[2]:
        s.goto(s.params.site.base_url.rstrip("/") + fallback_url
               + f"&{list_name}_per_page={counts[2]}&{list_name}_page_nr=1")


def students_url(s: StepContext) -> str:
    return s.k.users.url(s.params.course, s.k.users.STUDENTS)


def teachers_url(s: StepContext) -> str:
    return s.k.users.url(s.params.course, s.k.users.TEACHERS)

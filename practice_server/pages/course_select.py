"""The CourseSelectForm's data, shared by create_backup, copy_course and recycle_course: its sections
(templates/_course_select.html) and the ``resource[<type>][<id>]`` boxes its POST ticks."""

from __future__ import annotations

import base64
import re

from flask import request

from .. import backup as backupmod
from .. import web
from chamilo_backup.phpserial import dumps

_RESOURCE_RE = re.compile(r"^resource\[([^\]]+)\]\[(-?\d+)\]$")


def sections(items: dict[str, list[dict]]) -> list[dict]:
    """The form's sections from ``backup.course_items()``: in TYPE_ORDER, the empty ones left out;
    the quiz section holds only the OrphanQuestions entry (id -1)."""
    out = []
    for rtype in backupmod.TYPE_ORDER:
        entries = items.get(rtype, [])
        if rtype == "quiz":
            entries = [*entries, {"id": -1, "label": web._("OrphanQuestions")}]
        if entries:
            out.append({"type": rtype, "title": web._(backupmod.TYPE_LABEL_KEYS[rtype]), "items": entries})
    if items.get("Forum_Category"):  # the Forums section (always shown, empty without forums)
        out.append({"type": "Forum_Category", "title": web._("Forums"), "items": items["Forum_Category"]})
    return out


def serialized_course(state, code: str) -> str:
    """The form's hidden ``course``: the course object, PHP-serialized then base64-encoded."""
    obj, _docs = backupmod.build_course_object(state, code, web.lang(), web.base_url())
    return base64.b64encode(dumps(obj)).decode("ascii")


def posted_selection() -> dict[str, set[int]]:
    """The ticked boxes of the posted form, as {type: {id, …}}."""
    selection: dict[str, set[int]] = {}
    for key in request.form:
        m = _RESOURCE_RE.match(key)
        if m:
            selection.setdefault(m.group(1), set()).add(int(m.group(2)))
    return selection

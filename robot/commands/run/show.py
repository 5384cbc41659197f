"""robot show ZIP [--html DIR]: a backup read without Chamilo, without a browser, without a network."""
from __future__ import annotations

import argparse
import os
from pathlib import Path

from robot import backup_view
from robot.errors import UsageError
from robot.texts import Say

from ..context import Context
from ..show import NAME


def _settings(env_file: str, environ) -> dict[str, str]:
    """ROBOT_LANG and ROBOT_MAX_COURSE_INFO_MB: the environment, else the settings file."""
    values: dict[str, str] = {}
    if env_file and Path(env_file).is_file():
        from dotenv import dotenv_values
        values = {k: v for k, v in dotenv_values(env_file).items() if v}
    return {**values, **{k: v for k, v in environ.items() if k.startswith("ROBOT_") and v}}


def run(args: argparse.Namespace, ctx: Context) -> int:
    path = Path(args.zip).expanduser()
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    settings = _settings(args.env_file, ctx.environ)
    lang = args.lang or settings.get("ROBOT_LANG") or "en"
    if lang not in ("en", "fr"):
        raise UsageError(f"--lang must be en or fr, got {lang!r}")
    try:
        limit = int(settings.get("ROBOT_MAX_COURSE_INFO_MB") or 64) * 1024 * 1024
    except ValueError:
        raise UsageError("ROBOT_MAX_COURSE_INFO_MB must be a number of MiB") from None
    out = ctx.output
    if args.html:
        index, content = backup_view.write_html(path, Path(args.html).expanduser(), lang, limit)
    else:
        content, _bytes = backup_view.check_archive(path, limit)
        index = None
    say = Say(lang)
    for line in backup_view.summary_lines(content, path.name, lang):
        out.line(line)
    if index is not None:
        out.line(say.row("pages", "pages", say("{index} (open it in a browser; the documents are in {docs})",
                                               "{index} (à ouvrir dans un navigateur ; les documents sont dans {docs})",
                                               index=index, docs=f"{index.parent / 'documents'}{os.sep}")))
    out.document(NAME, True, zip=str(path), html=str(index) if index else None, **backup_view.as_json(content))
    return 0

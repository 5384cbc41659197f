"""--record [DIR], --blur-people, the guide's options and `robot demo`: what the command line asked
to record (the options themselves: robot/commands/options.py).

``config_from`` puts the request in the command's ``Config`` (``config.recording``) and
``run_steps`` turns it into a ``Recorder`` for each browser run (a campaign records each course in
its own folder). Chamilo's name, version and people selectors are handed to the engine as data."""
from __future__ import annotations

import argparse
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from robot.config import Config
from robot.engine.intro import IntroError, read_intro, render_intro
from robot.engine.recording import RecordOptions, Recorder
from robot.engine.run import RunSettings
from robot.errors import UsageError

# The guide's title per command (en, fr); other commands get "robot <command>".
TITLES = {
    "backup": ("Back up a course", "Sauvegarder un cours"),
    "create-course": ("Create a course", "Créer un cours"),
    "copy": ("Copy a course into another", "Copier un cours dans un autre"),
    "rollover": ("Prepare a course for next year", "Préparer un cours pour l'année suivante"),
    "empty": ("Empty a course", "Vider un cours"),
    "delete": ("Delete a course", "Supprimer un cours"),
    "archive": ("Archive a course", "Archiver un cours"),
    "announce": ("Post an announcement", "Publier une annonce"),
    "unsubscribe-students": ("Unsubscribe the learners", "Désinscrire les apprenants"),
    "grant": ("Give a colleague teacher rights", "Donner à un collègue les droits d'enseignant"),
    "revoke": ("Take back a colleague's teacher rights", "Retirer à un collègue les droits d'enseignant"),
}


@dataclass(frozen=True)
class RecordRequest:
    parent: Path | None  # None: no recording, only --blur-people
    command: str
    course: str
    blur_people: bool = False
    pause: float = 0.0
    highlight: float = 0.0
    guide: str = "teacher"  # teacher | full (robot/engine/guide.py)
    title: str = ""  # the guide's own title (--guide-title, `robot demo --title`)
    intro_html: str = ""  # its opening words (--guide-intro FILE, `robot demo --intro FILE`), as safe HTML


def _either(args: argparse.Namespace, name: str) -> Any:
    """An option `robot demo` takes before its command (``demo_<name>``) or the command itself."""
    value = getattr(args, name, None)
    return value if value is not None else getattr(args, f"demo_{name}", None)


def request_from(args: argparse.Namespace, config: Config) -> RecordRequest | None:
    """What the command line asked to record, or None."""
    record = getattr(args, "record", None)
    blur = bool(getattr(args, "blur_people", False))
    guide, title, intro = (_either(args, name) for name in ("guide", "guide_title", "guide_intro"))
    if record is None and any(v is not None for v in (guide, title, intro)):
        raise UsageError("--guide, --guide-title and --guide-intro describe a recording's guide: add --record "
                         "(or run the command with `robot demo`)")
    if record is None and not blur:
        return None
    intro_html = ""
    if intro is not None:
        try:
            intro_html = render_intro(*read_intro(Path(intro).expanduser()))
        except IntroError as err:
            raise UsageError(f"the guide's introduction (--guide-intro / --intro): {err}") from None
    return RecordRequest(
        parent=None if record is None else (Path(record) if record else config.recordings),
        command=getattr(args, "demo_command", None) or getattr(args, "command", "") or "run",
        course=str(getattr(args, "course", "") or "").upper(), blur_people=blur,
        pause=float(getattr(args, "demo_pause", 0.0) or 0.0),
        highlight=float(getattr(args, "demo_highlight", 0.0) or 0.0),
        guide=guide or "teacher", title=" ".join((title or "").split()), intro_html=intro_html)


def prepare(settings: RunSettings, config: Config, knowledge: Any) -> tuple[RunSettings, dict[str, Any]]:
    """The settings and execute() hooks of one browser run: unchanged when nothing was asked."""
    req: RecordRequest | None = config.recording
    if req is None:
        return settings, {}
    if req.blur_people:
        settings = replace(settings, people_selectors=tuple(knowledge.privacy.people_selectors))
    if req.parent is None:
        return settings, {}
    prefix = req.command + "-"
    course = settings.run_name[len(prefix):] if settings.run_name.startswith(prefix) else req.course
    en, fr = TITLES.get(req.command, (f"robot {req.command}", f"robot {req.command}"))
    title = fr if settings.lang == "fr" else en
    title = req.title or (f"{title} — {course}" if course else title)
    recorder = Recorder(RecordOptions(
        parent=req.parent, name=settings.run_name, lang=settings.lang, pause=req.pause,
        highlight=req.highlight, guide=req.guide, intro_html=req.intro_html,
        meta={"title": title, "command": req.command, "course": course,
              "site": config.url, "product": "Chamilo", "version": knowledge.VERSION}))
    return recorder.prepare(settings), recorder.hooks()

"""What the robot says to people, in the run's language (--lang en|fr): the English and the French
side by side, where the sentence is written — no catalogue to keep in step.

    say = Say(config.lang)
    say("Backup of {course} saved and verified:", "Sauvegarde de {course} enregistrée et vérifiée :",
        course=code)
    say.row("file", "fichier", path)       # "  file     …" / "  fichier  …": labels of a summary, aligned
    say.took(outcome.duration)             # "  took     1.2 s" / "  durée    1,2 s"

Every command's terminal summary (``summarise`` in robot/commands/run/*.py), its confirmation
question and the dry run's header are written this way (docs/LANGUAGES.md). ``--json`` keeps its
English keys and values whatever the language: programs read it. Standard library only: the light
half of the command line may import it.
"""
from __future__ import annotations

from typing import Any

from .output import human_size

LANGS = ("en", "fr")
ROW_WIDTH = 9  # a summary's labels, padded: "  file     /path"


class Say:
    """Picks the run's language out of an (English, French) pair."""

    def __init__(self, lang: str | None) -> None:
        self.lang = "fr" if lang == "fr" else "en"

    def __call__(self, en: str, fr: str, /, **values: Any) -> str:
        text = fr if self.lang == "fr" else en
        return text.format(**values) if values else text

    def number(self, value: float, digits: int = 1) -> str:
        text = f"{value:.{digits}f}"
        return text.replace(".", ",") if self.lang == "fr" else text

    def seconds(self, value: float) -> str:
        return f"{self.number(value)} s"

    def size(self, n: int) -> str:
        """992.2 KB / 992,2 Ko."""
        text = human_size(n)
        if self.lang != "fr":
            return text
        number, unit = text.split(" ")
        return f"{number.replace('.', ',')} {dict(B='o', KB='Ko', MB='Mo', GB='Go').get(unit, unit)}"

    def yes(self, flag: bool) -> str:
        return self("yes", "oui") if flag else self("no", "non")

    def row(self, en: str, fr: str, value: Any, width: int = ROW_WIDTH) -> str:
        """A summary's line: its label (in the run's language), padded, then the value."""
        return f"  {self(en, fr):<{width}}{value}"

    def took(self, seconds: float, width: int = ROW_WIDTH) -> str:
        return self.row("took", "durée", self.seconds(seconds), width)

    def quote(self, text: str) -> str:
        """“text” / « text »."""
        return f"« {text} »" if self.lang == "fr" else f"“{text}”"

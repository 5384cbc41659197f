"""The same-file-name choice that Copy course and Import backup share (UI-REFERENCE §4, §15.1):
skip, rename (file.pdf becomes file_1.pdf) or overwrite — always chosen explicitly, the two forms'
defaults differ."""
from __future__ import annotations

from typing import Any, Callable

from robot.engine.steps import Step, StepContext, step

# policy: its label on the page (en, fr)
LABELS = {
    "skip": ("Skip same file name", "Sauter les fichiers"),
    "rename": ("Rename file", "Renommer les fichiers"),
    "overwrite": ("Overwrite file", "Écraser les fichiers"),
}
POLICIES = tuple(LABELS)


def policy_steps(radio: Callable[[Any, str], str]) -> dict[str, Step]:
    """One step per policy that ticks its radio; ``radio(k, policy)`` is the radio's selector."""
    return {policy: _choose(policy, en, fr, radio) for policy, (en, fr) in LABELS.items()}


def _choose(policy: str, en: str, fr: str, radio: Callable[[Any, str], str]) -> Step:
    @step(f"choose_{policy}", en=f"Same file names: choose “{en}”", fr=f"Fichiers de même nom : choisir « {fr} »",
          target=lambda k: radio(k, policy))
    def choose(s: StepContext) -> None:
        option = s.page.locator(radio(s.k, policy))
        s.mark(option)
        option.first.check(timeout=s.timeout_ms)
    return choose

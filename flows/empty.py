"""Case 1 of the guide — keep the course for next year: empty it.

« Vider ou supprimer son espace de cours » → Maintenance → « Vider ce cours »: everything (« Vider
toutes les sections du cours », confirmed by typing the course code) or chosen items (« Me laisser
sélectionner les sections de cours »).  Only after a verified backup (check_backup).
"""
from __future__ import annotations

from dataclasses import dataclass

from robot.engine.steps import Effect, Step, StepContext, step
from robot.errors import CourseError

from .backup import resolve_items
from .common import open_course_home, require
from .course_items import read_items
from .course_admin import CourseAdminParams, alert_texts, check_backup, expect, open_maintenance, transient_if_form_back


@dataclass
class EmptyParams(CourseAdminParams):
    recycle_items: tuple[str, ...] = ()  # empty = everything ("Delete everything")
    official_code: str = ""  # the code to type when the site shows another official code


@step("click_empty_course", en="Click “Empty this course”", fr="Cliquer sur « Vider ce cours »",
      target=lambda k: k.maintenance.recycle_link)
def click_empty_course(s: StepContext) -> None:
    require(s, s.k.maintenance.recycle_link, "the “Empty this course” link")
    s.click(s.page.locator(s.k.maintenance.recycle_link))
    if not s.page.locator(s.k.recycle.form).count():  # "There are no resources to recycle"
        s.data["already_empty"] = True
        s.data["result"] = "; ".join(alert_texts(s, s.k.messages.content_alerts)) or "nothing to empty"


@step("choose_delete_everything", en="Choose “Delete everything”", fr="Choisir « Vider toutes les sections du cours »",
      target=lambda k: k.recycle.full_radio)
def choose_delete_everything(s: StepContext) -> None:
    if s.data.get("already_empty"):
        return
    radio = s.page.locator(s.k.recycle.full_radio)
    s.mark(radio)
    radio.check(timeout=s.timeout_ms)
    s.page.locator(s.k.recycle.code_field).wait_for(state="visible", timeout=s.timeout_ms)


@step("type_course_code", en="Type the course code to confirm", fr="Saisir le code du cours pour confirmer",
      target=lambda k: k.recycle.code_field, replay_from="choose_delete_everything")
def type_course_code(s: StepContext) -> None:
    if s.data.get("already_empty"):
        return
    field = s.page.locator(s.k.recycle.code_field)
    s.mark(field)
    field.fill(s.params.official_code or s.params.course)


def _emptied(s: StepContext) -> bool:
    """Effect check: the course's item list holds nothing of what was to be deleted (folders, which
    every course keeps, aside)."""
    params: EmptyParams = s.params
    items = read_items(s, params.course)
    types = set(resolve_items(s.k, params.recycle_items)) if params.recycle_items else None
    left = {rtype: [v for v in values if not (rtype == "document" and "." not in v.rsplit("/", 1)[-1])]
            for rtype, values in items.items.items() if types is None or rtype in types}
    if any(left.values()):
        return False
    s.data["result"] = "(found emptied on the site after a lost answer)"
    return True


EMPTIED = Effect(where=lambda s: f"the course {s.params.course} (Maintenance → Create a backup → “Let me select”: "
                                 "what is left)", check=_emptied)


@step("click_empty_now", en="Click “Empty this course” to delete everything", changes_site=True,
      fr="Cliquer sur « Vider ce cours » pour tout supprimer", target=lambda k: k.recycle.submit,
      long=True, replay_from="choose_delete_everything", effect=EMPTIED)
def click_empty_now(s: StepContext) -> None:
    if s.data.get("already_empty"):
        return
    s.click(s.page.locator(s.k.recycle.submit))
    transient_if_form_back(s, s.k.recycle.form, "emptying the course")
    s.data["result"] = expect(
        s, s.k.recycle.done, "the “Recycle is finished” message", refused=s.k.recycle.refused,
        refusal=lambda text: CourseError(
            f"the site refused the course code {s.params.official_code or s.params.course!r} ({text}); nothing "
            "was deleted — if the site shows another official code, give it with --official-code"))


@step("keep_let_me_select", en="Keep “Let me select learning objects” and continue",
      fr="Garder « Me laisser sélectionner les sections de cours » et continuer", target=lambda k: k.recycle.submit,
      long=True)
def keep_let_me_select(s: StepContext) -> None:
    if s.data.get("already_empty"):
        return
    radio = s.page.locator(s.k.recycle.select_radio)
    s.mark(radio)
    radio.check(timeout=s.timeout_ms)
    s.click(s.page.locator(s.k.recycle.submit))
    if not s.page.locator(s.k.select_form.form).count():
        transient_if_form_back(s, s.k.recycle.form, "listing the course's items")
        raise CourseError(f"course {s.params.course} has nothing to empty")


@step("tick_items_to_delete", en="Open each chosen section and tick its items",
      fr="Ouvrir chaque section choisie et cocher ses éléments", target=lambda k: k.select_form.checkboxes("<type>"),
      replay_from="keep_let_me_select")
def tick_items_to_delete(s: StepContext) -> None:
    if s.data.get("already_empty"):
        return
    ticked = 0
    for rtype in resolve_items(s.k, s.params.recycle_items):
        boxes = s.page.locator(s.k.select_form.checkboxes(rtype))
        if not boxes.count():
            continue
        if not boxes.first.is_visible():
            s.click(s.page.locator(s.k.select_form.section_header(rtype)), navigates=False)
        for i in range(boxes.count()):
            boxes.nth(i).check(timeout=s.timeout_ms)
            ticked += 1
    if not ticked:
        raise CourseError(f"course {s.params.course} has no items of the chosen types "
                          f"({', '.join(s.params.recycle_items)}); nothing was deleted")
    s.data["ticked"] = ticked


@step("click_validate_delete", en="Click “Validate” to delete the ticked items", changes_site=True,
      fr="Cliquer sur « Valider » pour supprimer les éléments cochés", target=lambda k: k.recycle.select_submit,
      long=True, replay_from="keep_let_me_select", effect=EMPTIED)
def click_validate_delete(s: StepContext) -> None:
    if s.data.get("already_empty"):
        return
    s.click(s.page.locator(s.k.recycle.select_submit))
    transient_if_form_back(s, s.k.select_form.form, "emptying the chosen items")
    s.data["result"] = expect(s, s.k.recycle.done, "the “Recycle is finished” message")


def steps(k, params: EmptyParams, *, backup_steps: list[Step] | None = None) -> list[Step]:
    """[backup], guard, then Maintenance → Empty this course → everything or chosen items."""
    head = list(backup_steps or []) + [check_backup, open_course_home, open_maintenance, click_empty_course]
    if params.recycle_items:
        return head + [keep_let_me_select, tick_items_to_delete, click_validate_delete]
    return head + [choose_delete_everything, type_course_code, click_empty_now]

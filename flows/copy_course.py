"""The guide, case 2: copy the old course into the new one.

« Puis, depuis l'outil Maintenance de l'ancien cours, cliquez sur Copier un cours : choisissez le
cours de destination dans la liste déroulante, copiez tout ou seulement certains éléments, et
choisissez ce qui arrive aux fichiers de même nom : Sauter les fichiers, Renommer les fichiers ou
Écraser les fichiers. Validez. »

Around the guide's clicks the robot only *looks*: it reads the source's items and the target's items
before and after (Create a backup → Let me select, never submitted), checks that the target is in
the copy page's list before choosing anything (Chamilo lists only the courses you teach), and
reports what happened to each source file (flows.copy_report).
"""
from __future__ import annotations

from dataclasses import dataclass

from robot.engine.steps import Effect, Step, StepContext, step
from robot.errors import CourseError, StepFailed, TransientError, VerificationError

from . import copy_report
from .backup import open_maintenance, resolve_items, tick_items
from .common import CourseParams, open_course_home, require
from .course_items import CourseItems, items_step, read_items
from .same_name import POLICIES, policy_steps
from .widgets import choose_option, option_texts, option_values



@dataclass
class CopyParams(CourseParams):
    """``course`` is the source (the old course); ``destination`` the target (the new one)."""

    destination: str = ""
    policy: str = "overwrite"
    items: tuple[str, ...] = ()  # empty = full copy (every item)
    known_files: frozenset[str] | None = None  # source document paths known to be files (from a backup)
    known_folders: frozenset[str] | None = None


def _not_a_target(s: StepContext, offered: list[str]) -> CourseError:
    dest = s.params.destination
    listed = ", ".join(offered) if offered else "none"
    return CourseError(
        f"{dest} is not among the target courses the Copy course page offers ({listed}): Chamilo copies only "
        f"into a course that {s.params.site.username!r} teaches. Create it first (robot create-course) or ask to "
        f"be made its teacher; nothing was copied",
        hint="a course code that does not exist is not listed either")


# --- the copy page -----------------------------------------------------------------------------

@step("click_copy_course", en="Click “Copy course”", fr="Cliquer sur « Copier un cours »",
      target=lambda k: k.maintenance.copy_course_link)
def click_copy_course(s: StepContext) -> None:
    require(s, s.k.maintenance.copy_course_link, "the “Copy course” link")
    s.click(s.page.locator(s.k.maintenance.copy_course_link))


@step("check_target_listed", en="Check that the target course is in the list (only courses you teach are)",
      fr="Vérifier que le cours de destination est dans la liste (seuls les cours dont vous êtes enseignant y sont)",
      target=lambda k: k.copy.destination, retry="in_place")
def check_target_listed(s: StepContext) -> None:
    select = s.page.locator(s.k.copy.destination)
    if not select.count():
        raise CourseError(f"the Copy course page of {s.params.course} offers no target course: "
                          f"{s.params.site.username!r} teaches no other course (Chamilo: “No destination course "
                          "available”). Create the new course first (robot create-course); nothing was copied")
    offered = option_values(select)
    s.data["copy_targets"] = dict(zip(offered, option_texts(select)))
    if s.params.destination not in offered:
        raise _not_a_target(s, offered)


read_source = items_step(
    "read_source_items", en="Look at what the old course holds (Create a backup → Let me select; nothing is backed up)",
    fr="Regarder ce que contient l'ancien cours (Créer une sauvegarde → Me laisser sélectionner ; rien n'est sauvegardé)",
    code_of=lambda s: s.params.course, key="source_items")

read_target_before = items_step(
    "read_target_before", en="Look at what the target course holds before the copy",
    fr="Regarder ce que contient le cours de destination avant la copie",
    code_of=lambda s: s.params.destination, key="target_before",
    not_found=lambda s: (f"{s.params.destination} is not a course that {s.params.site.username!r} teaches (or it "
                         "does not exist): Chamilo copies only into a course you teach. Create it first (robot "
                         "create-course) or ask to be made its teacher; nothing was copied"))

read_target_after = items_step(
    "read_target_after", en="Look at what the target course holds after the copy",
    fr="Regarder ce que contient le cours de destination après la copie",
    code_of=lambda s: s.params.destination, key="target_after")


@step("choose_target", en="Choose the target course in the drop-down list",
      fr="Choisir le cours de destination dans la liste déroulante", target=lambda k: k.copy.destination)
def choose_target(s: StepContext) -> None:
    select = s.page.locator(s.k.copy.destination)
    if not select.count():
        raise TransientError("the Copy course form is not on the page", kind="no_form")
    if s.params.destination not in option_values(select):
        raise _not_a_target(s, option_values(select))
    s.data["target_chosen_by"] = choose_option(s, select, s.params.destination)


@step("choose_full_copy", en="Choose “Full copy” (the page proposes “Let me select” by default)",
      fr="Choisir « Copier toutes les sections de ce cours » (la page propose « Me laisser sélectionner »)",
      target=lambda k: k.copy.full_copy)
def choose_full_copy(s: StepContext) -> None:
    radio = s.page.locator(s.k.copy.full_copy)
    s.mark(radio)
    radio.first.check()


@step("choose_select_items", en="Choose “Let me select learning objects”",
      fr="Choisir « Me laisser sélectionner les sections de cours »", target=lambda k: k.copy.select_items)
def choose_select_items(s: StepContext) -> None:
    radio = s.page.locator(s.k.copy.select_items)
    s.mark(radio)
    radio.first.check()


POLICY_STEPS = policy_steps(lambda k, policy: k.copy.file_option(policy))


def _items_snapshot(s: StepContext) -> dict:
    """Baseline: the target's items before the copy (read by read_target_before)."""
    before = s.data["target_before"]
    return {"code": before.code, "items": before.items}


def _copied(s: StepContext) -> bool:
    """Effect check: the target holds what a copy adds — a source file added or renamed beside the
    target's own, or more links / announcements / descriptions than before the first try."""
    params: CopyParams = s.params
    snapshot = s.baseline or _items_snapshot(s)
    before = CourseItems(snapshot["code"], {t: list(v) for t, v in snapshot["items"].items()})
    now = read_items(s, params.destination)
    types = set(resolve_items(s.k, params.items)) if params.items else None
    report = copy_report.build(s.data["source_items"], before, now, params.policy, types=types)
    grew = any(c["after"] > c["before"] for name, c in report.counts.items() if name != "documents" and c["source"])
    if not (grew or any(f["outcome"] in ("added", "renamed") for f in report.files)):
        return False
    s.data["copied"] = True
    s.data["target_before"] = before  # a resumed run reports against the target as it was at first
    return True


COPIED = Effect(where=lambda s: f"the documents, links and announcements of {s.params.destination} (a copy of "
                                f"{s.params.course} in it)", check=_copied, baseline=_items_snapshot)


def _expect_finished(s: StepContext) -> None:
    if s.page.locator(s.k.copy.finished(s.params.destination)).count():
        s.data["copied"] = True
        return
    if s.page.locator(s.k.copy.form).count() or s.page.locator(s.k.select_form.form).count():
        raise TransientError("the copy form came back without “Copying is finished” (the sec_token was lost); "
                             "nothing was copied", kind="token_lost")
    raise TransientError(f"no “Copying is finished: {s.params.destination}” message after the copy",
                         kind="no_confirmation")


@step("submit_copy", en="Click “Copy course”", fr="Cliquer sur « Copier un cours » pour lancer la copie",
      target=lambda k: k.copy.submit, long=True, replay_from="choose_target", changes_site=True, effect=COPIED)
def submit_copy(s: StepContext) -> None:
    s.click(s.page.locator(s.k.copy.submit))
    _expect_finished(s)


@step("submit_copy_options", en="Click “Copy course” to list the old course's items",
      fr="Cliquer sur « Copier un cours » pour afficher les sections de l'ancien cours",
      target=lambda k: k.copy.submit, long=True, replay_from="choose_target")
def submit_copy_options(s: StepContext) -> None:
    s.click(s.page.locator(s.k.copy.submit))
    if not s.page.locator(s.k.select_form.form).count():
        if s.page.locator(s.k.copy.form).count():
            raise TransientError("the copy form came back instead of the item list (the sec_token was lost)",
                                 kind="token_lost")
        raise CourseError(f"course {s.params.course} has nothing to copy")


@step("confirm_copy_selection", en="Click “Validate” to copy the ticked items",
      fr="Cliquer sur « Valider » pour copier les éléments cochés", target=lambda k: k.select_form.submit,
      long=True, replay_from="choose_target", dialog="alert", changes_site=True, effect=COPIED)
def confirm_copy_selection(s: StepContext) -> None:
    s.click(s.page.locator(s.k.select_form.submit))
    _expect_finished(s)


@step("compare_before_after", en="Compare the target course before and after: each source file added, skipped, "
      "renamed or overwritten", fr="Comparer le cours de destination avant et après : chaque fichier ajouté, sauté, "
      "renommé ou écrasé", retry="never",
      teacher_en="Open the new course and check that your documents are there",
      teacher_fr="Ouvrez le nouveau cours et vérifiez que vos documents y sont")
def compare_before_after(s: StepContext) -> None:
    params: CopyParams = s.params
    types = set(resolve_items(s.k, params.items)) if params.items else None
    report = copy_report.build(s.data["source_items"], s.data["target_before"], s.data["target_after"],
                               params.policy, types=types,
                               known_files={"/" + p.lstrip("/") for p in params.known_files}
                               if params.known_files is not None else None,
                               known_folders={"/" + p.lstrip("/") for p in params.known_folders}
                               if params.known_folders is not None else None)
    s.data["copy_report"] = report
    if not report.verified:
        missing = [f["path"] for f in report.files if f["outcome"] == "missing"]
        raise VerificationError(f"{len(missing)} source file(s) are not in {params.destination} after the copy: "
                                + ", ".join(missing[:10]))


def copy_steps(params: CopyParams) -> list[Step]:
    """The guide's clicks, from the old course's home to “Copying is finished” (the target is checked
    against the page's list before anything is chosen)."""
    head = [open_course_home, open_maintenance, click_copy_course, check_target_listed, choose_target]
    if not params.items:
        return head + [choose_full_copy, POLICY_STEPS[params.policy], submit_copy]
    return head + [choose_select_items, POLICY_STEPS[params.policy], submit_copy_options, tick_items,
                   confirm_copy_selection]


def steps(k, params: CopyParams) -> list[Step]:
    """Read both courses, copy (the guide's clicks), read the target again, compare."""
    return ([read_source, read_target_before] + copy_steps(params)
            + [read_target_after, compare_before_after])

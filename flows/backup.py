"""The guide, always first: back up the course.

« Sur la page d'accueil du cours, dans la partie Administration, cliquez sur Maintenance, puis sur
Générer backup. Gardez l'option par défaut (sauvegarde complète), validez, puis cliquez sur
Télécharger et enregistrez le fichier .ZIP. » Never "Import backup".

On a live site another backup or import may start while this one is being built, and Chamilo then
deletes this one's temporary folder: the page still says "created", the zip is truncated (UI-REFERENCE
§17). So the server's work, from "Create a backup" until the zip is downloaded, holds the site-wide
lock ``ARCHIVER`` (the robots that can see it wait their turn), and a zip that fails its check is
made again — a new "Create a backup", not a new download — up to the step's attempts.
"""
from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from robot.engine.steps import Step, StepContext, step
from robot.files import file_mode, folder_mode, make_dirs
from robot.errors import CourseError, StepFailed, TransientError, UsageError, VerificationError

from chamilo_backup import DEFAULT_MAX_BYTES

from .archive import DAMAGED, NO_COURSE_INFO, verify_backup
from .common import CourseParams, open_course_home, require
from .knowledge import for_version

log = logging.getLogger("robot")

# the site-wide work a backup's POST starts (Step.exclusive): see the knowledge's ``archiver``
ARCHIVER = for_version("1.11").archiver.work
BROKEN_ZIP = "broken_backup"  # error.kind of a zip the site built broken (made again; then a diagnosis)
# A zip whose bytes the check finds broken (archive.DAMAGED: cut short, damaged, documents missing), as
# a build that lost its folder to another backup or import while zipping leaves it, is made again; so
# is a whole zip without course_info.dat (archive.NO_COURSE_INFO), as it is left when the folder went
# while the documents were being copied. Whatever else it refuses (over the robot's limits, not
# decodable, another course) would come out the same: final.
MADE_AGAIN = (DAMAGED, NO_COURSE_INFO)


@dataclass
class BackupParams(CourseParams):
    out: Path = Path("backups")
    items: tuple[str, ...] = ()  # empty = full backup (the guide's default)
    download_timeout: float = 1800.0
    max_course_info: int = DEFAULT_MAX_BYTES  # course_info.dat is read up to this size (ROBOT_MAX_COURSE_INFO_MB)
    group_readable: bool = False  # the zip 0640 (its new folders 0750) for a team's folder, else 0600 / 0700


def resolve_items(k, names: tuple[str, ...]) -> list[str]:
    """--items documents,links → CourseSelectForm type keys; unknown names are a usage error."""
    types: list[str] = []
    for name in names:
        key = name.strip().lower()
        if key not in k.ITEM_TYPES:
            known = ", ".join(sorted(k.ITEM_TYPES))
            raise UsageError(f"unknown item type {name!r}; choose among: {known}")
        types.extend(t for t in k.ITEM_TYPES[key] if t not in types)
    return types


@step("open_maintenance", en="In “Administration”, click “Backup” (the Maintenance tool)",
      fr="Dans « Administration », cliquer sur « Maintenance »", target=lambda k: k.home.maintenance_link)
def open_maintenance(s: StepContext) -> None:
    s.click(s.page.locator(s.k.home.maintenance_link))


@step("click_create_backup", en="Click “Create a backup”", fr="Cliquer sur « Créer une sauvegarde » (« Générer backup »)",
      target=lambda k: k.maintenance.create_backup_link)
def click_create_backup(s: StepContext) -> None:
    require(s, s.k.maintenance.create_backup_link, "the “Create a backup” link")
    s.click(s.page.locator(s.k.maintenance.create_backup_link))
    _fail_if_archive_not_writable(s)


@step("choose_full_backup", en="Keep “Create a complete backup of this course”",
      fr="Garder « Faire une sauvegarde complète de ce cours »", target=lambda k: k.backup.full_radio)
def choose_full_backup(s: StepContext) -> None:
    radio = s.page.locator(s.k.backup.full_radio)
    s.mark(radio)
    radio.check()


@step("choose_select_items", en="Choose “Let me select learning objects”",
      fr="Choisir « Me laisser sélectionner les sections de cours »", target=lambda k: k.backup.select_radio)
def choose_select_items(s: StepContext) -> None:
    radio = s.page.locator(s.k.backup.select_radio)
    s.mark(radio)
    radio.check()


@step("submit_backup", en="Click “Create a backup” to start the backup", fr="Cliquer sur « Créer une sauvegarde » pour lancer la sauvegarde",
      target=lambda k: k.backup.submit, long=True, replay_from="choose_full_backup", exclusive=ARCHIVER)
def submit_backup(s: StepContext) -> None:
    s.click(s.page.locator(s.k.backup.submit))
    _expect_download_link(s)


@step("submit_backup_options", en="Click “Create a backup” to list the course's items",
      fr="Cliquer sur « Créer une sauvegarde » pour afficher les sections du cours",
      target=lambda k: k.backup.submit, long=True, replay_from="choose_select_items")
def submit_backup_options(s: StepContext) -> None:
    s.click(s.page.locator(s.k.backup.submit))
    _fail_if_archive_not_writable(s)
    if not s.page.locator(s.k.select_form.form).count():
        if s.page.locator(s.k.backup.form).count():
            raise TransientError("the backup form came back instead of the item list (the sec_token was lost)",
                                 kind="token_lost")
        raise CourseError(f"course {s.params.course} has nothing to back up")


@step("tick_items", en="Open each chosen section and tick its items", fr="Ouvrir chaque section choisie et cocher ses éléments",
      target=lambda k: k.select_form.checkboxes("<type>"), replay_from="choose_select_items")
def tick_items(s: StepContext) -> None:
    ticked = 0
    for rtype in resolve_items(s.k, s.params.items):
        header = s.page.locator(s.k.select_form.section_header(rtype))
        boxes = s.page.locator(s.k.select_form.checkboxes(rtype))
        if not boxes.count():
            continue
        if not boxes.first.is_visible():
            s.click(header, navigates=False)
        for i in range(boxes.count()):
            boxes.nth(i).check()
            ticked += 1
    if not ticked:
        wanted = ", ".join(s.params.items)
        raise CourseError(f"course {s.params.course} has no items of the chosen types ({wanted})")
    s.data["ticked"] = ticked


@step("confirm_selection", en="Click “Validate” to back up the ticked items", fr="Cliquer sur « Valider » pour sauvegarder les éléments cochés",
      target=lambda k: k.select_form.submit, long=True, replay_from="choose_select_items", dialog="alert",
      exclusive=ARCHIVER)
def confirm_selection(s: StepContext) -> None:
    s.click(s.page.locator(s.k.select_form.submit))
    _expect_download_link(s)


@step("download_backup", en="Click “Download” and save the .zip file", fr="Cliquer sur « Télécharger » et enregistrer le fichier .ZIP",
      target=lambda k: k.backup.download_link, retry="in_place", exclusive=ARCHIVER)
def download_backup(s: StepContext) -> None:
    params: BackupParams = s.params
    make_dirs(params.out, folder_mode(params.group_readable))
    stamp = time.strftime("%Y%m%d-%H%M%S")
    final = params.out / f"{params.course}_{stamp}.zip"
    part = final.with_name(final.name + ".part")
    s.data["final_path"], s.data["part_path"] = final, part
    link = s.page.locator(s.k.backup.download_link)
    try:
        if link.count():
            s.data["download_href"] = link.first.get_attribute("href")
            download = s.download(link, timeout_s=s.runner.step_timeout)
        elif s.data.get("download_href"):  # after a re-login: open the same Download link again
            download = s.download(url=s.data["download_href"], timeout_s=s.runner.step_timeout)
        else:
            raise TransientError("the Download link is not on the page", kind="no_download_link")
        s.keep_download(download, part, mode=file_mode(params.group_readable))
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    if part.stat().st_size == 0:
        part.unlink(missing_ok=True)
        raise TransientError("the server sent an empty file instead of the backup", kind="empty_download")
    s.data["server_name"] = download.suggested_filename


def check_and_keep(s: StepContext) -> None:
    """The downloaded zip verified, then renamed to its final name. A zip that fails its check is the
    server's (the download arrived whole: a cut one fails in download_backup): made again."""
    part: Path = s.data["part_path"]
    final: Path = s.data["final_path"]
    try:
        report = verify_backup(part, progress=s.progress, max_course_info=s.params.max_course_info)
    except VerificationError as err:
        part.unlink(missing_ok=True)
        if err.kind not in MADE_AGAIN:
            raise
        s.data.setdefault("broken_backups", []).append(err.message)
        log.warning("    the zip the site built is broken (%s): another backup or import may have started on the "
                    "site while it was being built; making the backup again", err.message)
        raise TransientError(f"the zip the site built is broken: {err.message}", kind=BROKEN_ZIP) from None
    except BaseException:  # anything else: the .part never stays behind
        part.unlink(missing_ok=True)
        raise
    if report.course_code.upper() != s.params.course.upper():
        part.unlink(missing_ok=True)
        raise VerificationError(f"the archive is a backup of course {report.course_code!r}, not {s.params.course!r}")
    os.replace(part, final)
    report.path = final
    report.server_name = str(s.data.get("server_name") or "")
    s.data["backup"] = report


def _verify_step(replay_from: str) -> Step:
    """The check, made again from ``replay_from`` (a new “Create a backup”) when the zip is broken."""
    return step("verify_backup", en="Check the archive: zip test, course_info.dat, every document",
                fr="Vérifier l'archive : test du zip, course_info.dat, chaque document", replay_from=replay_from,
                teacher_en="Check that the .ZIP file opens: double-click it and look for your documents inside",
                teacher_fr="Vérifiez que le fichier .ZIP s'ouvre : double-cliquez dessus et retrouvez-y vos "
                           "documents")(check_and_keep)


verify_and_keep = _verify_step("choose_full_backup")
verify_selected = _verify_step("choose_select_items")


def backups_made(data: dict[str, Any]) -> int:
    """How many backups the site built for this run (a broken one is made again)."""
    return int(data.get("backups_made") or 0)


def backups_note(data: dict[str, Any], say: Any) -> str | None:
    """What a person should know when the backup had to be made again (``say``: robot.texts.Say), or None."""
    broken = len(data.get("broken_backups") or [])
    if not broken:
        return None
    return say("{made} made: the zip the site built was broken {broken} time(s) — another backup or import started "
               "on the site while it was being built (Chamilo then empties every backup's temporary folder); the "
               "last one verified",
               "{made} faites : le zip construit par le site était cassé ({broken} fois) — une autre sauvegarde ou "
               "importation a démarré sur le site pendant sa construction (Chamilo vide alors les dossiers "
               "temporaires de toutes les sauvegardes) ; la dernière est vérifiée",
               made=backups_made(data), broken=broken)


def _expect_download_link(s: StepContext) -> None:
    if s.page.locator(s.k.backup.download_link).count():
        s.data["backups_made"] = backups_made(s.data) + 1
        return
    _fail_if_archive_not_writable(s)
    if s.page.locator(s.k.backup.form).count() or s.page.locator(s.k.select_form.form).count():
        raise TransientError("the form came back without a Download link (the sec_token was lost)", kind="token_lost")
    if not s.page.inner_text("body").strip():
        raise TransientError("the site answered a blank page after “Create a backup”", kind="blank_page")
    raise TransientError("no Download link after “Create a backup”", kind="no_download_link")


def _fail_if_archive_not_writable(s: StepContext) -> None:
    body = s.page.locator(s.k.messages.problems)
    if not body.count():
        return
    text = " ".join(body.all_inner_texts())
    if any(marker in text for marker in s.k.messages.archive_not_writable):
        raise StepFailed("the site's archive folder (app/cache/) is not writable: ask the Chamilo admin "
                         "to fix its permissions; nothing was backed up", hint=text.strip()[:300])


def steps(k, params: BackupParams) -> list[Step]:
    """The steps of a backup, full (the guide's default) or of chosen items (signed in already)."""
    head = [open_course_home, open_maintenance, click_create_backup]
    if not params.items:
        return head + [choose_full_backup, submit_backup, download_backup, verify_and_keep]
    return head + [choose_select_items, submit_backup_options, tick_items, confirm_selection,
                   download_backup, verify_selected]

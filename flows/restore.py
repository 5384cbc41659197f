"""Restoring a course from a backup zip: Maintenance → Import backup (UI-REFERENCE §15).

« Notez que l'archive produite n'est pas directement lisible, elle doit être importée dans un
environnement Chamilo pour être consultée. » The guide warns against *Importer les informations de
sauvegarde* to *make* a backup; it is how a backup is read back into a course.

Around the clicks the robot only *looks*: the course's content before and after (flows.course_contents:
paths and sizes, every item), so the report says what happened to each file of the zip, and a lost
answer is checked before the import is redone (with *rename*, a second import would double every file).
A zip over the site's upload limit (the form's MAX_FILE_SIZE) is never sent: the robot says to import
the copy already on the server (``--server-file``), which Chamilo allows for a full import only.

``proof_steps``: the same import into an empty scratch course right after a backup, checked, then the
scratch course emptied again with the robot's own ``empty`` flow (``robot backup --prove-restore``).
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from chamilo_backup.content import CourseContent
from robot.engine.steps import Effect, Step, StepContext, step
from robot.errors import StepFailed, TransientError, UsageError, VerificationError

from . import empty as empty_flow
from . import restore_report
from .archive import read_backup_content
from .backup import open_maintenance, resolve_items, tick_items
from .common import CourseParams, open_course_home, require
from .course_contents import contents_step, from_snapshot, is_empty, read_contents, snapshot, what_it_holds
from .knowledge import for_version
from .same_name import POLICIES, policy_steps


# An import is server-side work that deletes every backup's temporary folder (§17): its POSTs hold
# the site's course-archiver work (Step.exclusive, the knowledge's ``archiver``), like a backup's, so
# that a campaign never imports while it builds a backup.
ARCHIVER = for_version("1.11").archiver.work


@dataclass
class RestoreParams(CourseParams):
    """``course`` is the course imported into."""

    zip_path: Path = Path()
    content: CourseContent | None = None  # what the zip holds (read before the browser starts)
    policy: str = "skip"
    items: tuple[str, ...] = ()  # empty = the full backup
    server_file: str = ""  # import this zip already on the server instead of uploading (full import only)
    server_fallback: str = ""  # the zip's server copy, used when it is over the upload limit (a proof)


def _types(s: StepContext) -> set[str] | None:
    return set(resolve_items(s.k, s.params.items)) if s.params.items else None


# --- the import page ---------------------------------------------------------------------------

@step("click_import_backup", en="Click “Import backup”", fr="Cliquer sur « Importer les informations de sauvegarde »",
      target=lambda k: k.maintenance.import_backup_link)
def click_import_backup(s: StepContext) -> None:
    require(s, s.k.maintenance.import_backup_link, "the “Import backup” link")
    s.click(s.page.locator(s.k.maintenance.import_backup_link))
    if not s.page.locator(s.k.import_backup.form).count():
        raise TransientError("the Import backup form is not on the page", kind="no_form")


def _server_files(s: StepContext) -> dict[str, str]:
    select = s.page.locator(s.k.import_backup.server_select)
    if not select.count():
        return {}
    options = select.locator("option").evaluate_all("os => os.map(o => [o.value, o.textContent.trim()])")
    return {value: text for value, text in options if value and value != "null"}


def _max_file_size(s: StepContext) -> int | None:
    field_ = s.page.locator(s.k.import_backup.max_file_size)
    value = field_.first.get_attribute("value") if field_.count() else None
    return int(value) if value and value.isdigit() else None


def _server_choice(s: StepContext, offered: dict[str, str]) -> str:
    """The server copy to import: --server-file (checked against the list and the zip's course), or
    the proof's own fresh backup."""
    params: RestoreParams = s.params
    name = params.server_file or params.server_fallback
    listed = ", ".join(f"{v} ({t})" for v, t in offered.items()) or "none"
    if name not in offered:
        raise UsageError(f"{name} is not among the backups this user can import on the site (the server list "
                         f"offers: {listed}); nothing was imported")
    m = re.match(s.k.import_backup.SERVER_NAME, name)
    code = params.content.code if params.content else ""
    if m and code and m.group("code").upper() != code.upper():
        raise UsageError(f"the server file {name} is a backup of {m.group('code')}, but {params.zip_path.name} is "
                         f"one of {code}: give the server copy of the same backup; nothing was imported")
    return name


@step("choose_backup_file", en="Choose the backup: “Local file” and the .zip (or the copy on the server)",
      fr="Choisir la sauvegarde : « Charger un fichier depuis votre ordinateur » et le fichier .ZIP (ou la copie "
         "sur le serveur)", target=lambda k: f"{k.import_backup.file_input} | {k.import_backup.server_select}")
def choose_backup_file(s: StepContext) -> None:
    params: RestoreParams = s.params
    limit = _max_file_size(s)
    size = params.zip_path.stat().st_size if params.zip_path.is_file() else 0
    s.data["upload_limit"] = limit
    use_server = bool(params.server_file)
    if not use_server and limit is not None and size > limit:
        if not params.server_fallback:
            offered = _server_files(s)
            code = params.content.code if params.content else ""
            same = [f"{v} ({t})" for v, t in offered.items() if re.match(s.k.import_backup.SERVER_NAME, v) and
                    re.match(s.k.import_backup.SERVER_NAME, v).group("code").upper() == code.upper()]
            raise UsageError(
                f"{params.zip_path.name} is {size:,} bytes, over the site's upload limit of {limit:,} bytes "
                f"(MAX_FILE_SIZE): it was not sent. Import the copy already on the server with --server-file NAME "
                f"(full import only){': the site lists ' + ', '.join(same) if same else ''}")
        if params.items:
            raise UsageError(f"the zip is over the site's upload limit ({limit:,} bytes) and Chamilo imports chosen "
                             "items only from an upload: import it whole, or ask the admin for a higher limit")
        use_server = True
    if use_server:
        if params.items:
            raise UsageError("--items needs an upload: Chamilo loses a server file between the item list and the "
                             "import (“There are no resources in backup file”, nothing imported); drop "
                             "--server-file, or import everything")
        name = _server_choice(s, _server_files(s))
        radio = s.page.locator(s.k.import_backup.server_radio)
        s.mark(radio)
        radio.first.check(timeout=s.timeout_ms)  # its onclick enables the list
        s.page.locator(s.k.import_backup.server_select).select_option(name, timeout=s.timeout_ms)
        s.data["imported_from"] = f"server file {name}"
        return
    radio = s.page.locator(s.k.import_backup.local_radio)
    radio.first.check(timeout=s.timeout_ms)
    chooser = s.page.locator(s.k.import_backup.file_input)
    s.mark(chooser)
    chooser.first.set_input_files(str(params.zip_path), timeout=s.timeout_ms)
    s.data["imported_from"] = f"upload of {params.zip_path.name}"


@step("choose_full_import", en="Keep “Import full backup”",
      fr="Garder « Importer toutes les sections contenues dans le fichier de sauvegarde »",
      target=lambda k: k.import_backup.full_radio)
def choose_full_import(s: StepContext) -> None:
    radio = s.page.locator(s.k.import_backup.full_radio)
    s.mark(radio)
    radio.first.check(timeout=s.timeout_ms)


@step("choose_import_items", en="Choose “Let me select learning objects”",
      fr="Choisir « Me laisser sélectionner les sections de cours »", target=lambda k: k.import_backup.select_radio)
def choose_import_items(s: StepContext) -> None:
    radio = s.page.locator(s.k.import_backup.select_radio)
    s.mark(radio)
    radio.first.check(timeout=s.timeout_ms)


POLICY_STEPS = policy_steps(lambda k, policy: k.import_backup.file_option(policy))


def _before_snapshot(s: StepContext) -> dict:
    """Baseline: the course before the import (read by read_course_before), as plain data — a
    campaign's journal keeps it as JSON and gives it back on --resume."""
    return snapshot(s.data["course_before"])


def _imported(s: StepContext) -> bool:
    """Effect check: the course shows this zip's import since the first try (a new file of the zip, a
    file now of the zip's size, more of an item the zip brings). Nothing visible (everything skipped):
    importing again changes nothing either."""
    params: RestoreParams = s.params
    before = from_snapshot(s.baseline or _before_snapshot(s))
    now = read_contents(s, params.course)
    if not restore_report.imported(params.content, before, now, types=_types(s)):
        return False
    s.data["course_before"] = before
    return True


IMPORTED = Effect(where=lambda s: f"the documents and items of {s.params.course} (an import of "
                                  f"{s.params.zip_path.name} in it)", check=_imported, baseline=_before_snapshot)


def _expect_imported(s: StepContext) -> None:
    k = s.k.import_backup
    if s.page.locator(k.no_resources).count():
        raise VerificationError(f"Chamilo answered “There are no resources in backup file”: nothing was imported "
                                f"into {s.params.course}" + (" (a partial import of a server file always fails so: "
                                                             "upload the zip)" if s.params.items and s.params.server_file
                                                             else ""))
    if s.page.locator(k.no_file).count():
        if s.data.get("imported_from", "").startswith("server file"):
            raise StepFailed(f"Chamilo answered “Select a backup file”: it did not take the server file; nothing was "
                             f"imported into {s.params.course}")
        raise StepFailed(f"Chamilo answered “Select a backup file”: the zip did not reach the site (PHP drops a file "
                         f"over its upload_max_filesize so); nothing was imported into {s.params.course}",
                         hint="import the copy already on the server with --server-file NAME, or ask the site's "
                              "administrator for a higher upload limit")
    if s.page.locator(k.finished).count() and not s.page.locator(k.form).count():
        s.data["import_finished"] = True
        return
    if s.page.locator(k.form).count():
        limit = s.data.get("upload_limit")
        said = f" (the form's MAX_FILE_SIZE says {limit:,} bytes)" if limit is not None else ""
        if s.data.get("imported_from", "").startswith("server file"):
            raise StepFailed("the Import backup form came back with no message: nothing was imported (the site "
                             "refused the form, its security token most likely)", kind="upload_ignored",
                             hint="run the command again; if it says the same, import the zip by upload")
        raise StepFailed("the Import backup form came back with no message: nothing was imported. The site ignored "
                         f"the upload — its PHP post_max_size is below the zip's size{said} — or the form's security "
                         "token was refused", kind="upload_ignored",
                         hint="import the copy already on the server with --server-file NAME, or ask the site's "
                              "administrator for higher upload limits")
    raise TransientError(f"no “Import finished” message after the import (page {s.page.url})", kind="no_confirmation")


@step("submit_import", en="Click “Import backup”",
      fr="Cliquer sur « Importer les informations de sauvegarde » pour lancer l'importation",
      target=lambda k: k.import_backup.submit, long=True, replay_from="choose_backup_file", changes_site=True,
      effect=IMPORTED, exclusive=ARCHIVER)
def submit_import(s: StepContext) -> None:
    s.click(s.page.locator(s.k.import_backup.submit))
    _expect_imported(s)


@step("submit_import_options", en="Click “Import backup” to list the backup's items",
      fr="Cliquer sur « Importer les informations de sauvegarde » pour afficher les sections de la sauvegarde",
      target=lambda k: k.import_backup.submit, long=True, replay_from="choose_backup_file", exclusive=ARCHIVER)
def submit_import_options(s: StepContext) -> None:
    s.click(s.page.locator(s.k.import_backup.submit))
    if s.page.locator(s.k.select_form.form).count():
        return
    _expect_imported(s)  # names what came back instead (no resources, no file, the form again)
    raise StepFailed("Chamilo imported the whole backup instead of listing its items")


@step("confirm_import_selection", en="Click “Validate” to import the ticked items",
      fr="Cliquer sur « Valider » pour importer les éléments cochés", target=lambda k: k.select_form.submit,
      long=True, replay_from="choose_backup_file", dialog="alert", changes_site=True, effect=IMPORTED, exclusive=ARCHIVER)
def confirm_import_selection(s: StepContext) -> None:
    s.click(s.page.locator(s.k.select_form.submit))
    _expect_imported(s)


read_before = contents_step(
    "read_course_before", en="Look at what the course holds before the import (Maintenance → Empty this course → "
    "Let me select; nothing is deleted)", fr="Regarder ce que contient le cours avant l'importation (Maintenance → "
    "Vider ce cours → Me laisser sélectionner ; rien n'est supprimé)", code_of=lambda s: s.params.course,
    key="course_before")

read_after = contents_step(
    "read_course_after", en="Look at what the course holds after the import",
    fr="Regarder ce que contient le cours après l'importation", code_of=lambda s: s.params.course, key="course_after")


def report_of(s: StepContext) -> restore_report.RestoreReport:
    params: RestoreParams = s.params
    return restore_report.build(params.zip_path.name, params.content, s.data["course_before"], s.data["course_after"],
                                params.policy, course=params.course, types=_types(s))


@step("compare_before_after", en="Compare the course before and after: each file of the zip added, skipped, renamed "
      "or overwritten, and every item", fr="Comparer le cours avant et après : chaque fichier de l'archive ajouté, "
      "sauté, renommé ou écrasé, et chaque élément", retry="never")
def compare_before_after(s: StepContext) -> None:
    report = report_of(s)
    s.data["restore_report"] = report
    if not report.verified:
        files = [f["path"] for f in report.files if f["outcome"] == "missing"]
        missing = files + report.items_missing
        raise VerificationError(f"{len(missing)} file(s) or item type(s) of the zip are not in {s.params.course} after "
                                "the import: " + ", ".join(missing[:10]), hint=_after_a_partial_import(files))


def _after_a_partial_import(files_missing: list[str]) -> str:
    """What to do when an import left things out (a backup or an import started on the site meanwhile
    deletes the folder Chamilo imports from, §17): never the same full import again."""
    again = ("running the same import again would add the announcements, links, tests and forums a second "
             "time (every import adds them, whatever --on-conflict says)")
    if files_missing:
        return (f"{again}; to bring only the missing files: --items documents --on-conflict skip (the files "
                "already there are kept)")
    return f"{again}; look at the course, and import only the types that are missing with --items"


# the backup's tick step, made again from the upload when it fails (the item list is the answer to a
# POST: opening its address again shows the empty import form)
tick_import_items = dataclasses.replace(tick_items, replay_from="choose_backup_file")


def import_steps(params: RestoreParams) -> list[Step]:
    """The guide's clicks, from the course home to “Import finished”."""
    head = [open_course_home, open_maintenance, click_import_backup, choose_backup_file]
    if not params.items:
        return head + [choose_full_import, POLICY_STEPS[params.policy], submit_import]
    return head + [choose_import_items, POLICY_STEPS[params.policy], submit_import_options, tick_import_items,
                   confirm_import_selection]


def steps(k, params: RestoreParams) -> list[Step]:
    """Read the course, import (the guide's clicks), read it again, compare (signed in already)."""
    return [read_before, *import_steps(params), read_after, compare_before_after]


def check_zip(path: Path, max_bytes: int) -> CourseContent:
    """What the zip holds, read before anything is sent (UsageError: not a Chamilo 1.11 backup)."""
    from .archive import verify_backup

    if not path.is_file():
        raise UsageError(f"--from {path}: no such file; nothing was sent")
    try:
        verify_backup(path, max_course_info=max_bytes)
        return read_backup_content(path, max_bytes)
    except VerificationError as err:
        raise UsageError(f"{path} is not a Chamilo course backup that can be imported: {err.message}; "
                         "nothing was sent") from None


# --- proving a backup: import it into an empty scratch course, check, empty it again --------------

def on_params(st: Step, key: str, prefix: str = "proof_") -> Step:
    """The step ``st`` run on the parameters in ``s.data[key]`` (another course than the run's), named
    ``prefix + name`` (its effect's check and baseline too)."""

    def swap(fn: Callable[[StepContext], Any]) -> Callable[[StepContext], Any]:
        def run(s: StepContext) -> Any:
            saved = s.params
            s.params = s.data[key]
            try:
                return fn(s)
            finally:
                s.params = saved
        return run

    effect = st.effect
    if effect is not None:
        effect = Effect(where=swap(effect.where) if callable(effect.where) else effect.where,
                        check=swap(effect.check) if effect.check else None,
                        baseline=swap(effect.baseline) if effect.baseline else None)
    return dataclasses.replace(st, name=prefix + st.name, action=swap(st.action), effect=effect,
                               replay_from=prefix + st.replay_from if st.replay_from else None)


@dataclass
class ProofParams:
    """What ``--prove-restore SCRATCH`` adds to a backup's parameters."""

    scratch: str
    official_code: str = ""


@step("check_scratch_empty", en="Check that the scratch course is one you teach and is empty",
      fr="Vérifier que le cours d'essai est l'un de vos cours et qu'il est vide", retry="in_place",
      target=lambda k: k.course_contents.recycle_url("<SCRATCH>"))
def check_scratch_empty(s: StepContext) -> None:
    scratch = s.params.extra["prove"].scratch
    if scratch.upper() == s.params.course.upper():
        raise UsageError(f"--prove-restore {scratch}: the scratch course must be another course than the one backed up")
    content = read_contents(s, scratch)
    if not is_empty(content):
        raise UsageError(f"the scratch course {scratch} is not empty ({what_it_holds(content)}): a proof imports into "
                         "an empty course and empties it afterwards — name an empty course you teach; nothing was "
                         "imported")
    s.data["scratch_before"] = content


@step("prepare_proof", en="Prepare the proof: the fresh backup, to be imported into the scratch course",
      fr="Préparer l'essai : la sauvegarde toute fraîche, à importer dans le cours d'essai", retry="never")
def prepare_proof(s: StepContext) -> None:
    report = s.data["backup"]
    prove: ProofParams = s.params.extra["prove"]
    content = read_backup_content(report.path, s.params.max_course_info)
    s.data["proof_params"] = RestoreParams(site=s.params.site, course=prove.scratch, zip_path=report.path,
                                           content=content, policy="skip", server_fallback=report.server_name)
    s.data["proof_empty_params"] = empty_flow.EmptyParams(site=s.params.site, course=prove.scratch,
                                                          official_code=prove.official_code)
    s.data["course_before"] = s.data.get("scratch_before")


@step("check_proof", en="Check that every document and item of the backup arrived in the scratch course",
      fr="Vérifier que chaque document et chaque élément de la sauvegarde est arrivé dans le cours d'essai",
      retry="never")
def check_proof(s: StepContext) -> None:
    params: RestoreParams = s.data["proof_params"]
    report = restore_report.build(params.zip_path.name, params.content, s.data["course_before"],
                                  s.data["course_after"], params.policy, course=params.course, types=None)
    s.data["proof_report"] = report  # a failed proof still empties the scratch course, then fails


@step("check_scratch_emptied", en="Check that the scratch course is empty again",
      fr="Vérifier que le cours d'essai est de nouveau vide", retry="in_place")
def check_scratch_emptied(s: StepContext) -> None:
    scratch = s.params.extra["prove"].scratch
    content = read_contents(s, scratch)
    s.data["scratch_emptied"] = is_empty(content)
    report = s.data.get("proof_report")  # None: the import failed (the run fails with that error)
    if report is not None and not report.verified:
        missing = [f["path"] for f in report.files if f["outcome"] == "missing"] + report.items_missing
        raise VerificationError(f"the backup did NOT restore whole into {scratch}: {len(missing)} file(s) or item "
                                "type(s) did not arrive (" + ", ".join(missing[:10]) + "); the backup itself is kept "
                                "and verified as a zip")
    if not s.data["scratch_emptied"]:
        raise StepFailed(f"the scratch course {scratch} still holds {what_it_holds(content)} after “Empty this "
                         "course”: empty it by hand")


def _proof_begun(s: StepContext) -> bool:
    """Whether the scratch course may hold something of the proof: its import was prepared."""
    return "proof_params" in s.data


def proof_steps() -> list[Step]:
    """After a verified backup: import it into the scratch course, check, empty the scratch course —
    emptied also when the import or its check failed (``Step.cleanup``): a scratch course left full
    would make every later proof in it refuse to start."""
    proof = RestoreParams(site=None, course="<SCRATCH>")  # type: ignore[arg-type]
    importing = [on_params(st, "proof_params") for st in import_steps(proof)]
    emptying = [dataclasses.replace(on_params(st, "proof_empty_params"), cleanup=_proof_begun) for st in
                (open_course_home, open_maintenance, empty_flow.click_empty_course, empty_flow.choose_delete_everything,
                 empty_flow.type_course_code, empty_flow.click_empty_now)]
    after = on_params(read_after, "proof_params", prefix="proof_")
    return [prepare_proof, *importing, after, check_proof, *emptying,
            dataclasses.replace(check_scratch_emptied, cleanup=_proof_begun)]


def proof_summary(data: dict[str, Any]) -> dict[str, Any] | None:
    """The "restore proven" evidence of a run (None when the run had no proof)."""
    report = data.get("proof_report")
    if report is None:
        return None
    return {"scratch": report.course, "proven": report.verified, "files": report.summary,
            "items": report.counts, "scratch_emptied": bool(data.get("scratch_emptied")),
            "imported_from": data.get("imported_from", "")}

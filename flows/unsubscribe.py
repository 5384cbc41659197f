"""Case 1 of the guide, possibly: unsubscribe all the students (teachers stay).

« Éventuellement désinscrire tous les étudiants » — after warning them early through the
announcements, and after a verified backup.  Users → Learners: every student on every page (the
per-page select shows them all: "Select all" covers one page only), saved first to a CSV roster
(username, name, e-mail, role, user id), then Select all → Actions → Unsubscribe (a confirm()).
``restore`` subscribes the roster back: Users → Enroll users → search each username → Register.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

from robot.engine.steps import Effect, Step, StepContext, step
from robot.errors import CourseError, StepFailed, UsageError, VerificationError
from robot.csv_cells import plain_dict, safe_dict
from robot.files import open_new
from robot.storage import private_dir

from .announce import open_announcements, recent
from .common import open_course_home
from .course_admin import CourseAdminParams, check_backup, click_submitting, expect
from .user_lists import Member, open_users, read_table, show_all, students_url

STUDENTS = "student_list"
ROSTER_FIELDS = ["username", "name", "email", "role", "user_id"]
EMAIL_RE = re.compile(r"^[^@\s;,]+@[^@\s;,]+\.[^@\s;,]+$")


class NoticeMissing(UsageError):
    """No recent announcement: the guide says to warn the students first (exit 2, nothing changed)."""


@dataclass
class UnsubscribeParams(CourseAdminParams):
    roster: Path = Path("rosters/roster.csv")
    notice_days: int = 14
    check_notice: bool = True
    restore_rows: list[dict] = field(default_factory=list)  # --restore: the roster read back


# --- the warning -----------------------------------------------------------------------------

@step("check_recent_announcement", en="Check that the students were warned (an announcement in the last days)",
      fr="Vérifier que les étudiants ont été prévenus (une annonce ces derniers jours)", retry="never")
def check_recent_announcement(s: StepContext) -> None:
    params: UnsubscribeParams = s.params
    found = recent(s.data.get("announcements") or [], params.notice_days)
    if not found:
        raise NoticeMissing(notice_missing(params.course, params.notice_days, s.data.get("announcements") or []),
                            hint="nothing was changed")
    s.data["notice"] = found[0]


def notice_missing(course: str, days: int, announcements: list) -> str:
    """Why unsubscribe-students stops: no announcement in the last ``days`` days (the latest one, or
    none at all), and how to post one."""
    latest = max((a for a in announcements if a.when), key=lambda a: a.when, default=None)
    seen = (f"the latest is {latest.title!r} of {latest.shown}" if latest else
            "the course has no announcement at all" if not announcements else "none of them is dated")
    return (f"no announcement was posted in {course} in the last {days} days ({seen}): the guide says to warn "
            "the students early so they can save their work — post one first, e.g. "
            f"robot announce --course {course} --title \"End of the course\" --message \"Save your work before …\", "
            "then run this again once they had time; or run again with --no-notice")


# --- the students ----------------------------------------------------------------------------

@step("open_users", en="Open the “Users” tool (the learners)", fr="Ouvrir l'outil « Utilisateurs » (les apprenants)",
      target=lambda k: k.users.tool_link)
def open_users_step(s: StepContext) -> None:
    open_users(s)
    if read_table(s, STUDENTS) is None and s.page.locator(s.k.users.tab(s.k.users.STUDENTS)).count():
        s.click(s.page.locator(s.k.users.tab(s.k.users.STUDENTS)))


@step("show_all_students", en="Show all the learners on one page (the per-page list: “All”)",
      fr="Afficher tous les apprenants sur une page (liste du nombre par page : « Tout »)",
      target=lambda k: k.users.per_page(STUDENTS), replay_from="open_users")
def show_all_students(s: StepContext) -> None:
    show_all(s, STUDENTS, students_url(s))
    members = read_table(s, STUDENTS) or []
    if members and not s.page.locator(s.k.users.bulk_unsubscribe(STUDENTS)).count():
        raise CourseError(f"the learners list of {s.params.course} has no “Unsubscribe” action: the site does not "
                          "let this account unsubscribe users; nothing was changed",
                          hint=f"ask a platform admin: {s.k.subscribe.ADMIN_ROUTE}")
    s.data["students"] = members


@step("save_roster", en="Save the list of learners (CSV export + the table) to the roster file",
      fr="Enregistrer la liste des apprenants (export CSV + le tableau) dans le fichier roster",
      target=lambda k: k.users.export_csv, replay_from="open_users")
def save_roster(s: StepContext) -> None:
    params: UnsubscribeParams = s.params
    members: list[Member] = s.data.get("students") or []
    emails = _emails_from_export(s, {m.login for m in members}) if members else {}
    rows = [{"username": m.login, "name": m.name, "email": emails.get(m.login, ""), "role": "student",
             "user_id": m.user_id} for m in members]
    missing = [r["username"] or r["user_id"] for r in rows if not r["username"]]
    if missing:
        raise StepFailed(f"could not read the username of {len(missing)} learner(s) in the table; nothing was changed")
    write_roster(params.roster, rows)
    s.data["roster_rows"] = rows
    s.data["roster_path"] = params.roster


# Where the roster's e-mails come from: the list's CSV export, which has an e-mail column only when
# the platform shows users' e-mail addresses (show_email_addresses; stock Chamilo 1.11 does not:
# UI-REFERENCE §14.5, captures 10a, 17a, 40f). Otherwise the column stays empty.
NO_EMAILS = ("the site does not show users' e-mail addresses to teachers (Chamilo's platform setting "
             "show_email_addresses is off), so the roster's email column is empty — usernames and user ids "
             "are enough to subscribe them back (--restore)",
             "le site ne montre pas aux enseignants les adresses e-mail des utilisateurs (le réglage "
             "show_email_addresses de Chamilo est désactivé) : la colonne email de la liste est vide — les "
             "identifiants suffisent pour les réinscrire (--restore)")  # (English, French) for robot.texts.Say


def _emails_from_export(s: StepContext, logins: set[str]) -> dict[str, str]:
    """username → e-mail from the list's CSV export (matched by cell values, not by headings): none
    when the site shows no e-mail addresses (NO_EMAILS)."""
    link = s.page.locator(s.k.users.export_csv)
    if not link.count():
        return {}
    try:
        download = s.download(link, timeout_s=s.runner.step_timeout)
        raw = Path(download.path()).read_bytes()
    except (PlaywrightError, OSError) as err:
        s.data["export_problem"] = str(err)
        return {}
    return emails_in_csv(raw, logins)


class _Semicolon(csv.excel):
    delimiter = ";"


def emails_in_csv(raw: bytes, logins: set[str]) -> dict[str, str]:
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = _Semicolon
    out: dict[str, str] = {}
    for row in csv.reader(io.StringIO(text), dialect):
        cells = [c.strip() for c in row]
        login = next((c for c in cells if c in logins), None)
        mail = next((c for c in cells if EMAIL_RE.match(c)), None)
        if login and mail:
            out[login] = mail
    return out


def write_roster(path: Path, rows: list[dict]) -> None:
    """The roster, mode 0600 (its folder private when the robot makes it), written to a new
    ``.part`` (never through a symbolic link) renamed into place; cells a spreadsheet would run as
    formulas (a learner named ``=HYPERLINK(…)``) are written with a leading ``'`` (robot/csv_cells.py)."""
    private_dir(path.parent)
    tmp = path.with_name(path.name + ".part")
    try:
        with os.fdopen(open_new(tmp), "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=ROSTER_FIELDS)
            writer.writeheader()
            writer.writerows(safe_dict(row) for row in rows)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def read_roster(path: Path) -> list[dict]:
    """A roster written by unsubscribe-students (or by hand: a ``username`` column at least)."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as err:
        raise UsageError(f"cannot read the roster {path}: {err.strerror}") from None
    if not rows or "username" not in rows[0]:
        raise UsageError(f"{path} is not a roster: it needs a 'username' column (and rows)")
    rows = [plain_dict(r) for r in rows]  # the names as the site has them (no ' before a formula start)
    return [r for r in rows if (r.get("username") or "").strip()]


@step("select_all_students", en="Click “Select all”", fr="Cliquer sur « Tout sélectionner »",
      target=lambda k: k.users.select_all(STUDENTS), replay_from="open_users")
def select_all_students(s: StepContext) -> None:
    if not s.data.get("students"):
        return
    s.click(s.page.locator(s.k.users.select_all(STUDENTS)), navigates=False)
    boxes = s.page.locator(s.k.users.checkboxes(STUDENTS))
    unticked = boxes.evaluate_all("bs => bs.filter(b => !b.checked).length")
    if unticked:
        raise StepFailed(f"“Select all” left {unticked} learner(s) unticked")


@step("open_actions_menu", en="Open the actions menu (the arrow next to “Detail”)",
      fr="Ouvrir le menu des actions (la flèche à côté de « Action »)", target=lambda k: k.users.actions_toggle(STUDENTS),
      replay_from="open_users")
def open_actions_menu(s: StepContext) -> None:
    if not s.data.get("students"):
        return
    toggle = s.page.locator(s.k.users.actions_toggle(STUDENTS))
    if not toggle.count():
        raise CourseError(f"the learners list of {s.params.course} has no actions menu: the site does not let "
                          f"teachers unsubscribe users — ask an admin ({s.k.subscribe.ADMIN_ROUTE})")
    s.click(toggle, navigates=False)
    s.page.locator(s.k.users.bulk_unsubscribe(STUDENTS)).wait_for(state="visible", timeout=s.timeout_ms)


def _learners_now(s: StepContext) -> set[str]:
    s.goto(s.params.site.base_url.rstrip("/") + students_url(s))
    show_all(s, STUDENTS, students_url(s))
    return {m.login for m in read_table(s, STUDENTS) or []}


def _no_learner_left(s: StepContext) -> bool:
    """Effect check of unsubscribe: the learners list is empty."""
    return not _learners_now(s)


def _learners_list(s: StepContext) -> str:
    return f"the Learners tab of {s.params.course}'s Users tool"


NO_LEARNER_LEFT = Effect(where=_learners_list, check=_no_learner_left)


def _ticked_back(s: StepContext) -> bool:
    """Effect check of the roster's bulk registration: every ticked learner is in the list."""
    ticked = list(s.data.get("ticked_rows") or [])
    if not set(ticked) <= _learners_now(s):
        return False
    done = s.data.setdefault("restored", [])
    done.extend(login for login in ticked if login not in done)
    return True


def _others_back(s: StepContext) -> bool:
    """Effect check of the one-by-one registration: every other roster learner is in the list."""
    present = _learners_now(s)
    wanted = [row["username"].strip() for row in s.data.get("search_rows") or []]
    if not all(login in present for login in wanted):
        return False
    done = s.data.setdefault("restored", [])
    done.extend(login for login in wanted if login not in done)
    return True


@step("click_unsubscribe", en="Click “Unsubscribe” and confirm", fr="Cliquer sur « Désinscrire » et confirmer",
      target=lambda k: k.users.bulk_unsubscribe(STUDENTS), changes_site=True, dialog="confirm",
      replay_from="open_users", effect=NO_LEARNER_LEFT)
def click_unsubscribe(s: StepContext) -> None:
    if not s.data.get("students"):
        return
    click_submitting(s, s.page.locator(s.k.users.bulk_unsubscribe(STUDENTS)))
    s.data["unsubscribed"] = expect(s, s.k.users.done, "the “selected users have been unsubscribed” message")


@step("check_no_learner_left", en="Check that no learner is left (unsubscribe the rest the same way)",
      fr="Vérifier qu'il ne reste aucun apprenant (désinscrire le reste de la même façon)", dialog="confirm",
      changes_site=True, replay_from="open_users", effect=NO_LEARNER_LEFT)
def check_no_learner_left(s: StepContext) -> None:
    for _round in range(10):
        show_all(s, STUDENTS, students_url(s))
        left = read_table(s, STUDENTS) or []
        if not left:
            return
        s.click(s.page.locator(s.k.users.select_all(STUDENTS)), navigates=False)
        s.click(s.page.locator(s.k.users.actions_toggle(STUDENTS)), navigates=False)
        click_submitting(s, s.page.locator(s.k.users.bulk_unsubscribe(STUDENTS)))
    raise VerificationError(f"learners are still subscribed to {s.params.course} after unsubscribing")


def steps(k, params: UnsubscribeParams, *, backup_steps: list[Step] | None = None) -> list[Step]:
    notice = [open_course_home, open_announcements, check_recent_announcement] if params.check_notice else []
    return (notice + list(backup_steps or []) + [check_backup, open_course_home, open_users_step,
            show_all_students, save_roster, select_all_students, open_actions_menu, click_unsubscribe,
            check_no_learner_left])


# --- restore ---------------------------------------------------------------------------------

@step("click_enrol_learners", en="Click the “Enroll users to course” icon", fr="Cliquer sur l'icône « Inscrire des apprenants »",
      target=lambda k: k.users.subscribe_link("5"))
def click_enrol_learners(s: StepContext) -> None:
    link = s.page.locator(s.k.users.subscribe_link(s.k.users.STUDENTS))
    if not link.count():
        raise CourseError(f"the site does not let {s.params.site.username!r} enrol users in {s.params.course} "
                          f"(no “Enroll users” icon): ask a platform admin ({s.k.subscribe.ADMIN_ROUTE})")
    s.click(link)


@step("tick_roster_learners", en="Show all the users who may be enrolled and tick the roster's learners",
      fr="Afficher tous les utilisateurs inscriptibles et cocher les apprenants du roster",
      target=lambda k: k.users.checkboxes(k.subscribe.LIST), replay_from="click_enrol_learners")
def tick_roster_learners(s: StepContext) -> None:
    params: UnsubscribeParams = s.params
    show_all(s, s.k.subscribe.LIST, s.k.subscribe.url(params.course, s.k.users.STUDENTS))
    listed = {b for b in s.page.locator(s.k.users.checkboxes(s.k.subscribe.LIST)).evaluate_all(
        "bs => bs.map(b => b.value)")}
    ticked, later = [], []
    for row in params.restore_rows:
        uid = (row.get("user_id") or "").strip()
        if uid and uid in listed:
            s.page.locator(s.k.users.checkboxes(s.k.subscribe.LIST) + f'[value="{uid}"]').check(timeout=s.timeout_ms)
            ticked.append(row["username"].strip())
        else:
            later.append(row)  # no id, or not listed by id: searched by username below
    s.data["ticked_rows"], s.data["search_rows"] = ticked, later


@step("click_register_selected", en="Actions → “Register” the ticked learners, and confirm",
      fr="Action → « Inscrire » les apprenants cochés, et confirmer", changes_site=True, dialog="confirm",
      target=lambda k: k.subscribe.bulk_register, replay_from="click_enrol_learners",
      effect=Effect(where=_learners_list, check=_ticked_back))
def click_register_selected(s: StepContext) -> None:
    if not s.data.get("ticked_rows"):
        return
    s.click(s.page.locator(s.k.users.actions_toggle(s.k.subscribe.LIST)), navigates=False)
    click_submitting(s, s.page.locator(s.k.subscribe.bulk_register))
    s.data.setdefault("restored", []).extend(s.data["ticked_rows"])


@step("register_the_others", en="For each other learner of the roster: search the username, click “Register”",
      fr="Pour chaque autre apprenant du roster : rechercher l'identifiant, cliquer sur « Inscrire »",
      changes_site=True, target=lambda k: k.subscribe.register_link("5"), replay_from="click_enrol_learners",
      effect=Effect(where=_learners_list, check=_others_back))
def register_the_others(s: StepContext) -> None:
    done = s.data.setdefault("restored", [])
    skipped = s.data.setdefault("not_restored", {})
    for row in s.data.get("search_rows") or []:
        login = row["username"].strip()
        if login in done or login in skipped:
            continue
        s.goto(s.params.site.base_url.rstrip("/") + s.k.subscribe.url(s.params.course, s.k.users.STUDENTS))
        s.page.locator(s.k.subscribe.keyword).fill(login)
        s.click(s.page.locator(s.k.subscribe.search))
        uid = (row.get("user_id") or "").strip()
        link = s.page.locator(s.k.subscribe.register_link(s.k.users.STUDENTS, uid or None))
        if not link.count() and uid:  # another site's ids: the username alone
            link = s.page.locator(s.k.subscribe.register_link(s.k.users.STUDENTS))
        if link.count() > 1:
            skipped[login] = "several users match this username"
            continue
        if not link.count():
            skipped[login] = "not among the users who may be enrolled (already in the course, or unknown)"
            continue
        s.click(link)
        done.append(login)


@step("check_learners_back", en="Check the learners list", fr="Vérifier la liste des apprenants", retry="never")
def check_learners_back(s: StepContext) -> None:
    s.goto(s.params.site.base_url.rstrip("/") + s.k.users.url(s.params.course, s.k.users.STUDENTS))
    show_all(s, STUDENTS, students_url(s))
    logins = {m.login for m in read_table(s, STUDENTS) or []}
    missing = [login for login in s.data.get("restored", []) if login not in logins]
    if missing:
        raise VerificationError(f"{len(missing)} learner(s) were registered but are not in the list: "
                                + ", ".join(missing[:10]))
    s.data["present"] = sorted(logins)


def restore_steps(k, params: UnsubscribeParams) -> list[Step]:
    return [open_course_home, open_users_step, click_enrol_learners, tick_roster_learners,
                                click_register_selected, register_the_others, check_learners_back]


def default_roster(code: str, when: dt.datetime | None = None) -> Path:
    return Path("rosters") / f"{code}_{(when or dt.datetime.now()).strftime('%Y%m%d-%H%M%S')}.csv"

"""Case 3 of the guide — hand the course to a colleague, or take over a colleague's course.

« Les gestionnaires du cours peuvent donner ou retirer des droits à d'autres utilisateurs. »
Grant: Users → Trainers → Enroll teachers → search the colleague → Register.
Revoke: Users → Trainers → the colleague's row → Unsubscribe (a confirm()).
When the site does not let teachers do this (allow_user_course_subscription_by_course_admin =
false: no subscribe / unsubscribe controls), the robot says so and names the admin's route.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable
from urllib.parse import quote

from robot.engine.steps import Effect, Step, StepContext, step
from robot.errors import CourseError, VerificationError

from .common import open_course_home, url
from .course_admin import CourseAdminParams, expect
from .user_lists import open_users, read_table, show_all, teachers_url

TEACHERS = "teacher_list"
STUDENTS = "student_list"


class NotAllowedToTeachers(CourseError):
    """The site leaves teacher rights to its administrators."""


class NoSuchUser(CourseError):
    """No user of the site has that username (issue 18 item 8, issue 19)."""


@dataclass
class TeacherParams(CourseAdminParams):
    user: str = ""


@dataclass
class HandoverParams(TeacherParams):
    leave: bool = False  # then remove the signed-in account's own teacher rights


def _teachers(s: StepContext) -> list:
    show_all(s, TEACHERS, teachers_url(s))
    return read_table(s, TEACHERS) or []


def _forbidden(s: StepContext, what: str) -> NotAllowedToTeachers:
    return NotAllowedToTeachers(
        f"the site does not let {s.params.site.username!r} {what} in {s.params.course} (teachers may not "
        "subscribe or unsubscribe users there: allow_user_course_subscription_by_course_admin is off)",
        hint=f"ask a platform admin: {s.k.subscribe.ADMIN_ROUTE}")


@step("open_users", en="Open the “Users” tool", fr="Ouvrir l'outil « Utilisateurs »", target=lambda k: k.users.tool_link)
def open_users_tool(s: StepContext) -> None:
    open_users(s)


@step("open_trainers_tab", en="Click the “Trainers” tab", fr="Cliquer sur l'onglet « Enseignants »",
      target=lambda k: k.users.tab("1"))
def open_trainers_tab(s: StepContext) -> None:
    s.click(s.page.locator(s.k.users.tab(s.k.users.TEACHERS)))
    rows = _teachers(s)
    s.data["teachers_before"] = [m.login for m in rows]
    s.data["own_row"] = next((m for m in rows if m.login == s.params.site.username), None)


@step("click_enrol_trainers", en="Click the “Enroll teachers” icon", fr="Cliquer sur l'icône « Inscrire des formateurs »",
      target=lambda k: k.users.subscribe_link("1"))
def click_enrol_trainers(s: StepContext) -> None:
    if s.params.user in s.data.get("teachers_before", []):
        s.data["already"] = True
        return
    link = s.page.locator(s.k.users.subscribe_link(s.k.users.TEACHERS))
    if not link.count():
        raise _forbidden(s, "give teacher rights")
    s.click(link)


@step("search_colleague", en="Search the colleague's username", fr="Rechercher l'identifiant du collègue",
      target=lambda k: k.subscribe.keyword, replay_from="click_enrol_trainers")
def search_colleague(s: StepContext) -> None:
    if s.data.get("already"):
        return
    field = s.page.locator(s.k.subscribe.keyword)
    s.mark(field)
    field.fill(s.params.user)
    s.click(s.page.locator(s.k.subscribe.search))
    found = s.page.locator(s.k.subscribe.register_link(s.k.users.TEACHERS)).count()
    if found == 0:  # say why before anything changes: not a teacher, a learner of the course, or nobody
        raise why_not_listed(s, s.params.course, s.params.user)
    if found > 1:
        raise CourseError(f"several users match {s.params.user!r} on “Enroll teachers” of {s.params.course}; "
                          "give the exact username")


def why_not_listed(s: StepContext, course: str, user: str) -> CourseError:
    """``user`` is not on Enroll teachers: a learner of the course, a user of the site who is not a
    platform teacher, or nobody at all (the keyword search matches usernames and names)."""
    users = s.k.users
    s.goto(url(s, users.url(course, users.STUDENTS, keyword=quote(user))))
    if user in [m.login for m in read_table(s, STUDENTS) or []]:
        return CourseError(f"{user!r} is a learner of {course}: Chamilo lists only platform teachers who are not in "
                           "the course yet on “Enroll teachers” (unsubscribe them first, or an admin changes the role)",
                           hint=f"an admin can do it: {s.k.subscribe.ADMIN_ROUTE}")
    s.goto(url(s, s.k.subscribe.url(course, users.STUDENTS) + f"&keyword={quote(user)}"))
    if s.page.locator(s.k.subscribe.register_links).count():
        return CourseError(f"no platform teacher matches {user!r} (Chamilo lists only teachers on “Enroll teachers”; "
                           "“Enroll users” finds users who are not teachers by that name)",
                           hint=f"an admin can make them a teacher: {s.k.subscribe.ADMIN_ROUTE}")
    return NoSuchUser(f"there is no user {user!r} on this site (neither “Enroll teachers” nor “Enroll users” of "
                      f"{course} finds anyone by that name): check the username")


def _trainers_now(s: StepContext) -> list[str]:
    s.goto(s.params.site.base_url.rstrip("/") + s.k.users.url(s.params.course, s.k.users.TEACHERS))
    return [m.login for m in _teachers(s)]


def _is_trainer(s: StepContext) -> bool:
    """Effect check of grant: the colleague is in the trainers list."""
    return s.params.user in _trainers_now(s)


def _is_not_trainer(s: StepContext) -> bool:
    """Effect check of revoke: the colleague is no longer in the trainers list."""
    logins = _trainers_now(s)
    if s.params.user in logins:
        return False
    s.data["teachers_after"] = logins
    return True


def _trainers_list(s: StepContext) -> str:
    return f"the Trainers tab of {s.params.course}'s Users tool ({s.params.user})"


@step("click_register", en="Click “Register” on the colleague's row", fr="Cliquer sur « Inscrire » sur la ligne du collègue",
      target=lambda k: k.subscribe.register_link("1"), changes_site=True, replay_from="click_enrol_trainers",
      effect=Effect(where=_trainers_list, check=_is_trainer))
def click_register(s: StepContext) -> None:
    if s.data.get("already"):
        return
    links = s.page.locator(s.k.subscribe.register_link(s.k.users.TEACHERS))
    if links.count() == 0:
        raise CourseError(f"{s.params.user!r} cannot be enrolled as a teacher of {s.params.course}: only platform "
                          "teachers who are not in the course yet are listed (a student of the course must be "
                          "unsubscribed first, or an admin changes the role)",
                          hint=f"an admin can do it: {s.k.subscribe.ADMIN_ROUTE}")
    if links.count() > 1:
        raise CourseError(f"several users match {s.params.user!r}; give the exact username")
    s.click(links)
    expect(s, s.k.subscribe.done, "the “has been registered to course” message")


@step("check_trainer_now", en="Check the trainers list", fr="Vérifier la liste des enseignants", retry="never")
def check_trainer_now(s: StepContext) -> None:
    if s.data.get("already"):
        return
    s.goto(s.params.site.base_url.rstrip("/") + s.k.users.url(s.params.course, s.k.users.TEACHERS))
    logins = [m.login for m in _teachers(s)]
    if s.params.user not in logins:
        added = [u for u in logins if u not in s.data.get("teachers_before", [])]
        if added:  # "Enroll teachers" finds names and e-mails too, and shows no username
            raise VerificationError(
                f"“Register” enrolled {', '.join(map(repr, added))} as a teacher of {s.params.course}, not "
                f"{s.params.user!r}: Chamilo's search found that user by name (the page shows no usernames) and "
                f"no user {s.params.user!r} was listed", hint=f"check the username; take the rights back: "
                f"`robot revoke --course {s.params.course} --user {added[0]}`")
        raise VerificationError(f"{s.params.user!r} is not in the trainers list of {s.params.course} after “Register”")
    s.data["teachers_after"] = logins


@step("click_unsubscribe_trainer", en="Click “Unsubscribe” on the colleague's row and confirm",
      fr="Cliquer sur « Désinscrire » sur la ligne du collègue et confirmer", changes_site=True, dialog="confirm",
      target=lambda k: k.users.row_unregister("<id>"), replay_from="open_trainers_tab",
      effect=Effect(where=_trainers_list, check=_is_not_trainer))
def click_unsubscribe_trainer(s: StepContext) -> None:
    rows = [m for m in read_table(s, TEACHERS) or [] if m.login == s.params.user]
    if not rows:
        s.data["not_teacher"] = True
        return
    link = s.page.locator(s.k.users.row_unregister(rows[0].user_id))
    if not link.count():
        if s.params.user == s.params.site.username:
            raise CourseError("the robot's own account cannot remove its own teacher rights (Chamilo shows no "
                              "Unsubscribe button on your own row)")
        raise _forbidden(s, "remove teacher rights")
    s.click(link)
    expect(s, s.k.users.done, "the “User is now unsubscribed” message")


@step("check_not_trainer", en="Check the trainers list", fr="Vérifier la liste des enseignants", retry="never")
def check_not_trainer(s: StepContext) -> None:
    s.goto(s.params.site.base_url.rstrip("/") + s.k.users.url(s.params.course, s.k.users.TEACHERS))
    logins = [m.login for m in _teachers(s)]
    if s.params.user in logins:
        raise VerificationError(f"{s.params.user!r} is still a teacher of {s.params.course}")
    s.data["teachers_after"] = logins


# --- handover: grant, then (--leave) remove one's own rights (issue 19) ---------------------------

@step("check_handover", en="Check the hand-over can be done (your own row, who stays teacher)",
      fr="Vérifier que la passation est possible (votre ligne, qui reste enseignant)", retry="never", robot_only=True)
def check_handover(s: StepContext) -> None:
    """Before anything changes: leaving needs an Unsubscribe on one's own row (Chamilo shows it to
    platform admins only: a teacher's rights are removed by a colleague or an admin)."""
    params: HandoverParams = s.params
    me = params.site.username
    if params.user == me:
        raise CourseError(f"{me!r} cannot hand {params.course} over to themselves")
    own = s.data.get("own_row")
    if not params.leave:
        return
    if own is None:
        s.data["not_a_teacher"] = True  # nothing to leave: an admin who does not teach the course
        return
    if not own.can_unsubscribe:
        raise CourseError(f"Chamilo does not let {me!r} remove their own teacher rights in {params.course} (their own "
                          "row of Users → Trainers has no Unsubscribe: only a platform admin's has); nothing was "
                          "changed",
                          hint=f"hand over without --leave, then {params.user} removes yours: `robot revoke --course "
                               f"{params.course} --user {me}` signed in as {params.user} (or ask a platform admin)")


def _left(s: StepContext) -> bool:
    """Effect check of leaving: the signed-in account is no longer in the trainers list."""
    logins = _trainers_now(s)
    if s.params.site.username in logins:
        return False
    s.data["teachers_after"] = logins
    s.data["left"] = s.params.site.username
    return True


@step("click_unsubscribe_self", en="Click “Unsubscribe” on your own row and confirm: you leave the course",
      fr="Cliquer sur « Désinscrire » sur votre propre ligne et confirmer : vous quittez le cours",
      changes_site=True, dialog="confirm", target=lambda k: k.users.row_unregister("<your id>"),
      effect=Effect(where=lambda s: f"the Trainers tab of {s.params.course}'s Users tool ({s.params.site.username})",
                    check=_left))
def click_unsubscribe_self(s: StepContext) -> None:
    params: HandoverParams = s.params
    me = params.site.username
    if s.data.get("not_a_teacher"):
        return
    s.goto(url(s, s.k.users.url(params.course, s.k.users.TEACHERS)))
    rows = _teachers(s)
    logins = [m.login for m in rows]
    others = [u for u in logins if u != me]
    if params.user not in logins or not others:  # never leave a course without its new teacher
        raise CourseError(f"refusing to leave {params.course}: {params.user!r} is not among its teachers "
                          f"({', '.join(logins) or 'none'}), the course would be left without them")
    own = next((m for m in rows if m.login == me), None)
    if own is None:
        s.data["teachers_after"], s.data["left"] = logins, me  # gone already
        return
    link = s.page.locator(s.k.users.row_unregister(own.user_id))
    if not link.count():
        raise CourseError(f"Chamilo shows no Unsubscribe on {me!r}'s own row in {params.course}: its teacher rights "
                          "stay (a colleague or an admin can remove them)")
    s.click(link)
    expect(s, s.k.users.done, "the “User is now unsubscribed” message")
    s.data["left"] = me


@step("check_left", en="Check the trainers list: the colleague is there, you are not",
      fr="Vérifier la liste des enseignants : le collègue y est, vous non", retry="never")
def check_left(s: StepContext) -> None:
    params: HandoverParams = s.params
    if s.data.get("not_a_teacher"):
        return
    logins = _trainers_now(s)
    if params.site.username in logins or params.user not in logins:
        raise VerificationError(f"after leaving, the trainers of {params.course} are {', '.join(logins) or 'none'}")
    s.data["teachers_after"] = logins


def handover_steps(k, params: HandoverParams) -> list[Step]:
    steps = [open_course_home, open_users_tool, open_trainers_tab, check_handover,
             click_enrol_trainers, search_colleague, click_register, check_trainer_now]
    return steps + ([click_unsubscribe_self, check_left] if params.leave else [])


# --- next year's course keeps its teachers (rollover, create-course --teachers-from) ----------------

def trainers_of(s: StepContext, code: str) -> list:
    """The rows (username, name) of the Trainers tab of ``code``'s Users tool (opened by its address)."""
    path = s.k.users.url(code, s.k.users.TEACHERS)
    s.goto(url(s, path))
    show_all(s, TEACHERS, path)
    return [m for m in read_table(s, TEACHERS) or [] if m.login]


def teachers_of(s: StepContext, code: str) -> list[str]:
    """The usernames on the Trainers tab of ``code``'s Users tool."""
    return [m.login for m in trainers_of(s, code)]


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def enrol_teacher(s: StepContext, code: str, user: str, name: str = "") -> None:
    """Users → Trainers → Enroll teachers of ``code`` → search ``user`` → Register (as grant does).

    Chamilo's search there matches names and e-mails too and its rows show no username: with the
    name the old course's Trainers tab shows for ``user``, only the row of that name is registered
    (several rows, or a row of someone else, are never clicked on a guess)."""
    s.goto(url(s, s.k.subscribe.url(code, s.k.users.TEACHERS)))
    field = s.page.locator(s.k.subscribe.keyword)
    if not field.count():
        raise NotAllowedToTeachers(
            f"the site does not let {s.params.site.username!r} enrol teachers in {code} (no “Enroll teachers” page)",
            hint=f"ask a platform admin: {s.k.subscribe.ADMIN_ROUTE}")
    field.fill(user)
    s.click(s.page.locator(s.k.subscribe.search))
    rows = read_table(s, s.k.subscribe.LIST, s.k.subscribe.NAME_COLUMNS) or []
    if name:
        rows = [r for r in rows if _same_name(r.name, name)]
    if not rows:
        raise why_not_listed(s, code, user)
    if len(rows) > 1:
        who = f"users called {name!r}" if name else "users"
        raise CourseError(f"several {who} match {user!r} on “Enroll teachers” of {code} (the page shows no "
                          f"usernames): enrol {user} by hand", hint=f"robot grant --course {code} --user {user}, "
                          "or an admin: " + s.k.subscribe.ADMIN_ROUTE)
    s.click(s.page.locator(s.k.subscribe.register_link(s.k.users.TEACHERS, rows[0].user_id)))
    expect(s, s.k.subscribe.done, "the “has been registered to course” message")


def teacher_steps(source_of: Callable[[StepContext], str], target_of: Callable[[StepContext], str]) -> list[Step]:
    """Read the teachers of the course ``source_of`` names, make each one a teacher of ``target_of``'s
    course (the signed-in account is one already: it created the course). A site change, checked
    before it is redone: whoever is a teacher already is never enrolled twice."""

    def wanted(s: StepContext) -> list[str]:
        return [u for u in s.data.get("old_teachers", []) if u != s.params.site.username]

    def before_enrolling(s: StepContext) -> list[str]:
        """The new course's teachers before the first try (who was added, even when an answer was lost)."""
        return teachers_of(s, target_of(s))

    def all_there(s: StepContext) -> bool:
        now = teachers_of(s, target_of(s))
        if any(u not in now for u in wanted(s)):
            return False
        before = s.baseline or []
        s.data["teachers_added"] = [u for u in wanted(s) if u not in before]
        s.data["new_teachers"] = now
        return True

    @step("read_old_teachers", en="Open the old course's Users → Trainers: who teaches it",
          fr="Ouvrir Utilisateurs → Enseignants de l'ancien cours : qui l'enseigne", retry="in_place",
          target=lambda k: k.users.url("<OLD>", "1"))
    def read_old_teachers(s: StepContext) -> None:
        rows = trainers_of(s, source_of(s))
        s.data["old_teachers"] = [m.login for m in rows]
        s.data["old_teacher_names"] = {m.login: m.name for m in rows}  # Enroll teachers shows names only

    @step("enrol_old_teachers", en="In the new course: Users → Trainers → Enroll teachers → Register each of them",
          fr="Dans le nouveau cours : Utilisateurs → Enseignants → Inscrire des formateurs → Inscrire chacun d'eux",
          target=lambda k: k.subscribe.register_link("1"), changes_site=True,
          effect=Effect(where=lambda s: f"the Trainers tab of {target_of(s)}'s Users tool", check=all_there,
                        baseline=before_enrolling))
    def enrol_old_teachers(s: StepContext) -> None:
        code = target_of(s)
        first = s.baseline if s.baseline is not None else teachers_of(s, code)
        present = teachers_of(s, code) if s.result is not None and s.result.attempts > 1 else first
        added = [u for u in wanted(s) if u not in first]
        names = s.data.get("old_teacher_names") or {}
        for user in wanted(s):
            if user not in present:
                enrol_teacher(s, code, user, names.get(user, ""))
        now = teachers_of(s, code)
        missing = [u for u in wanted(s) if u not in now]
        if missing:
            others = [u for u in now if u not in first and u not in wanted(s)]
            raise VerificationError(f"{', '.join(missing)} not in the trainers list of {code} after “Register”"
                                    + (f" (new there: {', '.join(others)})" if others else ""))
        s.data["teachers_added"], s.data["new_teachers"] = added, now

    return [read_old_teachers, enrol_old_teachers]


def grant_steps(k, params: TeacherParams) -> list[Step]:
    return [open_course_home, open_users_tool, open_trainers_tab, click_enrol_trainers,
                                search_colleague, click_register, check_trainer_now]


def revoke_steps(k, params: TeacherParams) -> list[Step]:
    return [open_course_home, open_users_tool, open_trainers_tab, click_unsubscribe_trainer,
                                check_not_trainer]

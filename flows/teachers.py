"""Case 3 of the guide — hand the course to a colleague, or take over a colleague's course.

« Les gestionnaires du cours peuvent donner ou retirer des droits à d'autres utilisateurs. »
Grant: Users → Trainers → Enroll teachers → search the colleague → Register.
Revoke: Users → Trainers → the colleague's row → Unsubscribe (a confirm()).
When the site does not let teachers do this (allow_user_course_subscription_by_course_admin =
false: no subscribe / unsubscribe controls), the robot says so and names the admin's route.
"""
from __future__ import annotations

from dataclasses import dataclass

from robot.engine.steps import Effect, Step, StepContext, step
from robot.errors import CourseError, VerificationError

from .common import open_course_home
from .course_admin import CourseAdminParams, expect
from .user_lists import open_users, read_table, show_all, teachers_url

TEACHERS = "teacher_list"


class NotAllowedToTeachers(CourseError):
    """The site leaves teacher rights to its administrators."""


@dataclass
class TeacherParams(CourseAdminParams):
    user: str = ""


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
    s.data["teachers_before"] = [m.login for m in _teachers(s)]


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


def grant_steps(k, params: TeacherParams) -> list[Step]:
    return [open_course_home, open_users_tool, open_trainers_tab, click_enrol_trainers,
                                search_colleague, click_register, check_trainer_now]


def revoke_steps(k, params: TeacherParams) -> list[Step]:
    return [open_course_home, open_users_tool, open_trainers_tab, click_unsubscribe_trainer,
                                check_not_trainer]

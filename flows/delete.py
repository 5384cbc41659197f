"""Case 2 of the guide — the old course is not kept: delete it.

« Vider ou supprimer son espace de cours » → Maintenance → « Détruire ce cours de manière
définitive »: type the course code in capital letters, « Oui ».  Only after a verified backup.
"""
from __future__ import annotations

from dataclasses import dataclass

from robot.engine.steps import Effect, Step, StepContext, step
from robot.errors import CourseError, StepFailed, TransientError, VerificationError

from .common import open_course_home, require
from .course_admin import CourseAdminParams, alert_texts, check_backup, open_maintenance


@dataclass
class DeleteParams(CourseAdminParams):
    pass


@step("click_delete_course", en="Click “Completely delete this course”",
      fr="Cliquer sur « Détruire ce cours de manière définitive »", target=lambda k: k.maintenance.delete_link)
def click_delete_course(s: StepContext) -> None:
    require(s, s.k.maintenance.delete_link, "the “Completely delete this course” link")
    s.click(s.page.locator(s.k.maintenance.delete_link))
    require(s, s.k.delete_course.form, "the deletion form")


@step("type_code_capitals", en="Type the course code in capital letters", target=lambda k: k.delete_course.code_field,
      fr="Saisir le code du cours en majuscules", replay_from="click_delete_course")
def type_code_capitals(s: StepContext) -> None:
    field = s.page.locator(s.k.delete_course.code_field)
    s.mark(field)
    field.fill(s.params.course.upper())


def _course_gone(s: StepContext) -> bool:
    """Effect check: the course's home no longer opens (404, or a page without the course)."""
    response = s.page.goto(s.params.site.base_url.rstrip("/") + s.k.urls.course_home(s.params.course),
                           timeout=s.timeout_ms, wait_until=s.wait_until)
    status = response.status if response is not None else 0
    if status >= 500:
        raise TransientError(f"the site answered HTTP {status} when checking the course", kind="http")
    gone = status >= 400 or not s.page.locator(s.k.home.maintenance_link).count()
    if gone:
        s.data["result"] = "(found deleted on the site after a lost answer)"
    return gone


@step("click_yes_delete", en="Click “Yes”: the course is deleted", fr="Cliquer sur « Oui » : le cours est supprimé",
      target=lambda k: k.delete_course.yes, changes_site=True, long=True, replay_from="click_delete_course",
      effect=Effect(where=lambda s: f"the site's course list (is {s.params.course} still there?)", check=_course_gone))
def click_yes_delete(s: StepContext) -> None:
    try:
        s.click(s.page.locator(s.k.delete_course.yes))
    except StepFailed as err:
        if err.status != 404:
            raise
        # the course's pages are gone: a resent request after the deletion (checked before any redo)
        raise TransientError(f"the deletion answered HTTP 404 ({s.page.url})", kind="gone_after_change") from err
    if s.page.locator(s.k.delete_course.form).count():
        raise CourseError(f"the site did not accept the code {s.params.course}: "
                          + ("; ".join(alert_texts(s, s.k.messages.content_alerts)) or "the form came back")
                          + "; nothing was deleted")
    texts = alert_texts(s, s.k.delete_course.result)
    if not any(s.params.course.upper() in t for t in texts):
        raise TransientError(f"no “{s.params.course} has been deleted” message after “Yes” (page {s.page.url})",
                             kind="no_confirmation")
    s.data["result"] = "; ".join(texts)


@step("check_course_gone", en="Check that the course is gone", fr="Vérifier que le cours a disparu", retry="never")
def check_course_gone(s: StepContext) -> None:
    """Its home no longer opens: a 404 (the folder was moved away) or a page without the course."""
    response = s.page.goto(s.params.site.base_url.rstrip("/") + s.k.urls.course_home(s.params.course),
                           timeout=s.timeout_ms, wait_until=s.wait_until)
    status = response.status if response is not None else 0
    if status >= 500:
        raise StepFailed(f"the site answered HTTP {status} when checking the course; it was deleted "
                         f"({s.data.get('result')}) but could not be checked", status=status)
    if status < 400 and s.page.locator(s.k.home.maintenance_link).count():
        raise VerificationError(f"course {s.params.course} still opens after the deletion ({s.page.url})")


def steps(k, params: DeleteParams, *, backup_steps: list[Step] | None = None) -> list[Step]:
    return (list(backup_steps or []) +
            [check_backup, open_course_home, open_maintenance, click_delete_course, type_code_capitals,
             click_yes_delete, check_course_gone])

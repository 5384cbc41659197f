"""The guide, case 2, first step: create a new, empty course for the next cohort.

« Créez d'abord un nouveau cours vide. Les codes de cours sont uniques : si vous gardez l'ancien
cours, le nouveau a besoin d'un autre code — ajoutez par exemple l'année : CODEDECOURS2013. »

My courses → Create a course → course name → Advanced settings → course code (letters and digits
only), language, category → Create this course → Chamilo opens the new course's home (302 to
courses/<CODE>/). A code that already exists brings the form back with Chamilo's error: the robot
stops and names a code that looks free (never creating one to find out).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from robot.engine.steps import Effect, Step, StepContext, step
from robot.errors import CourseError, StepFailed, TransientError, UsageError

from .common import NotAllowedPage, Site, url
from .course_items import my_course_codes
from .widgets import choose_option, option_values

LANGUAGE_NAMES = {"en": "english", "fr": "french", "de": "german", "es": "spanish", "it": "italian",
                  "nl": "dutch", "pt": "portuguese", "pl": "polish"}


def language_folder(value: str | None) -> str | None:
    """--language fr / french / French → Chamilo's folder name "french"."""
    if not value:
        return None
    v = value.strip().lower()
    return LANGUAGE_NAMES.get(v, v)


def check_new_code(k, value: str) -> str:
    """The code Chamilo's form accepts: letters and digits only (pattern [a-zA-Z0-9]+), at most 40."""
    code = value.strip()
    if not re.fullmatch(k.create_course.code_pattern, code or "-"):
        raise UsageError(f"{value!r} cannot be a new course code: Chamilo accepts only letters and digits "
                         f"(no '_', '-', spaces or accents), e.g. {re.sub(r'[^A-Za-z0-9]', '', value).upper() or 'MATHS2027'}")
    if len(code) > k.create_course.code_max:
        raise UsageError(f"{value!r} is too long for a course code (at most {k.create_course.code_max} characters)")
    return code.upper()


@dataclass
class CreateParams:
    site: Site
    code: str
    title: str
    language: str | None = None   # Chamilo folder name ("french"); None = the form's default
    category: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def course(self) -> str:  # the course this run touches (locks, recordings)
        return self.code


# --- free codes ---------------------------------------------------------------------------------

def candidate_codes(code: str, today: dt.date | None = None) -> list[str]:
    """Codes to propose instead of a taken one, the guide's way: the (next) year at the end."""
    year = (today or dt.date.today()).year
    m = re.fullmatch(r"(.*?)(\d{4})", code)
    if m and m.group(1):
        base, y = m.group(1), int(m.group(2))
        out = [f"{base}{y + i}" for i in (1, 2, 3)]
    else:
        out = [f"{code}{year + 1}", f"{code}{year}", f"{code}{year + 2}"]
    out += [f"{code}B", f"{code}2"]
    return [c for c in dict.fromkeys(out) if len(c) <= 40 and c != code]


def looks_free(s: StepContext, code: str, mine: list[str]) -> bool:
    """Not among "My courses", and its course address shows no course home to this user."""
    if code.upper() in (c.upper() for c in mine):
        return False
    response = s.page.goto(url(s, s.k.urls.course_home(code)), timeout=s.timeout_ms, wait_until=s.wait_until)
    if response is None or response.status == 404:
        return True
    return not s.page.locator(s.k.course_page.home_marker).count()


def suggest_free_code(s: StepContext, code: str) -> str | None:
    mine = my_course_codes(s)
    for candidate in candidate_codes(code):
        if looks_free(s, candidate, mine):
            return candidate
    return None


# --- steps -------------------------------------------------------------------------------------

@step("click_create_course", en="On “My courses”, click “Create a course”",
      fr="Dans « Mes cours », cliquer sur « Créer un cours »", target=lambda k: k.create_course.portal_link)
def click_create_course(s: StepContext) -> None:
    s.data["my_codes_before"] = my_course_codes(s)  # opens My courses if needed (a teacher starts there)
    link = s.page.locator(s.k.create_course.portal_link)
    try:
        if link.count() and link.first.is_visible():
            s.click(link)
        else:  # no link: open the form's address, Chamilo says whether this account may create courses
            s.goto(url(s, s.k.create_course.url))
        allowed = s.page.locator(s.k.create_course.form).count() > 0
    except NotAllowedPage:
        allowed = False
    who = s.params.site.username
    if not allowed:
        raise CourseError(f"{who!r} is not allowed to create courses on this site (Chamilo answers its "
                          f"“not allowed” page): ask the platform admin to create {s.params.code} and make you "
                          "its teacher, then run the copy")
    if s.page.locator(s.k.create_course.request_fields).count():
        raise CourseError(f"this site only lets teachers *request* a new course (Chamilo's setting "
                          f"course_validation: the form is “Create a course request”). The robot does not send "
                          f"requests: request {s.params.code} yourself (or ask the platform admin) and run the "
                          "copy once the course exists; nothing was created")


@step("fill_course_name", en="Type the course name", fr="Saisir le nom du cours",
      target=lambda k: k.create_course.title, replay_from="click_create_course")
def fill_course_name(s: StepContext) -> None:
    field_ = s.page.locator(s.k.create_course.title)
    s.mark(field_)
    field_.first.fill(s.params.title)


@step("open_advanced_settings", en="Click “Advanced settings”", fr="Cliquer sur « Paramètres avancés »",
      target=lambda k: k.create_course.advanced_toggle, replay_from="click_create_course")
def open_advanced_settings(s: StepContext) -> None:
    code_field = s.page.locator(s.k.create_course.wanted_code)
    if code_field.count() and code_field.first.is_visible():
        return
    s.click(s.page.locator(s.k.create_course.advanced_toggle), navigates=False)
    code_field.first.wait_for(state="visible", timeout=s.timeout_ms)


@step("fill_course_code", en="Type the course code (letters and digits: e.g. the old code + the year)",
      fr="Saisir le code du cours (lettres et chiffres : p. ex. l'ancien code + l'année)",
      target=lambda k: k.create_course.wanted_code, replay_from="click_create_course")
def fill_course_code(s: StepContext) -> None:
    field_ = s.page.locator(s.k.create_course.wanted_code)
    s.mark(field_)
    field_.first.fill(s.params.code)


@step("choose_language", en="Choose the course language", fr="Choisir la langue du cours",
      target=lambda k: k.create_course.language, replay_from="click_create_course")
def choose_language(s: StepContext) -> None:
    select = s.page.locator(s.k.create_course.language)
    wanted = s.params.language
    if not wanted:  # keep the form's default (the user's language)
        return
    if wanted not in option_values(select):
        raise UsageError(f"the site offers no course language {wanted!r} (it offers: {', '.join(option_values(select))})")
    choose_option(s, select, wanted)


@step("choose_category", en="Choose the category", fr="Choisir la catégorie du cours",
      target=lambda k: k.create_course.category, replay_from="click_create_course")
def choose_category(s: StepContext) -> None:
    select = s.page.locator(s.k.create_course.category)
    wanted = s.params.category
    offered = [v for v in option_values(select) if v]
    if wanted not in offered:
        raise UsageError(f"the site has no course category {wanted!r} (it has: {', '.join(offered) or 'none'})")
    choose_option(s, select, wanted)


def _existed_before(s: StepContext) -> dict:
    """Baseline: was the code already among My courses when the robot opened the form?"""
    return {"existed": s.params.code.upper() in (c.upper() for c in s.data.get("my_codes_before", []))}


def _created(s: StepContext) -> bool:
    """Effect check: the code is now among My courses and was not before the first try."""
    if (s.baseline or _existed_before(s))["existed"]:
        return False
    if s.params.code.upper() not in (c.upper() for c in my_course_codes(s)):
        return False
    s.goto(url(s, s.k.urls.course_home(s.params.code)))
    _read_created(s)
    return True


CREATED = Effect(where=lambda s: f"My courses (a course {s.params.code})", check=_created, baseline=_existed_before)


@step("submit_create_course", en="Click “Create this course”", fr="Cliquer sur « Créer ce cours »",
      target=lambda k: k.create_course.submit, long=True, replay_from="click_create_course", changes_site=True,
      effect=CREATED)
def submit_create_course(s: StepContext) -> None:
    code = s.params.code
    s.click(s.page.locator(s.k.create_course.submit))
    if s.page.locator(s.k.create_course.form).count():
        errors = " ".join(s.page.locator(s.k.create_course.error).all_inner_texts()).strip()
        if not errors:
            raise TransientError("the course form came back without a message", kind="form_back")
        if _created(s):
            # "already exists", yet it was not among My courses when the form was opened: the
            # browser sent the form twice (it resends on a cut connection) and the first one made it
            return
        free = suggest_free_code(s, code)
        advice = (f"try --code {free} (not among your courses, no course page at that address)" if free
                  else "add the year to the code, e.g. " + candidate_codes(code)[0])
        raise CourseError(f"course code {code} already exists on this site (Chamilo: “{errors}”); {advice}. "
                          "Nothing was created", hint="course codes are unique on a Chamilo site")
    _read_created(s)


def _read_created(s: StepContext) -> None:
    if not s.page.locator(s.k.home.maintenance_link).count():
        if s.k.create_course.splash_page in s.page.url:  # the site shows a "first steps" page instead
            m = re.search(r"cidReq=([^&]+)", s.page.url)
            code = unquote(m.group(1)) if m else s.params.code
            s.data["created"] = {"code": code, "directory": code, "title": s.params.title,
                                 "url": url(s, f"/courses/{code}/")}
            return
        raise StepFailed(f"after “Create this course” the site did not open the new course's home (it shows {s.page.url})")
    m = re.search(r"/courses/([^/?#]+)/", s.page.url)
    directory = unquote(m.group(1)) if m else s.params.code
    code = s.params.code
    href = s.page.locator(s.k.home.maintenance_link).first.get_attribute("href") or ""
    m = re.search(r"cidReq=([^&]+)", href)
    if m:
        code = unquote(m.group(1))
    s.data["created"] = {"code": code, "directory": directory, "title": s.params.title,
                         "url": url(s, f"/courses/{directory}/")}


def create_steps(*, with_language: bool = False, with_category: bool = False) -> list[Step]:
    """My courses → Create a course → … → Create this course."""
    middle = [click_create_course, fill_course_name, open_advanced_settings, fill_course_code]
    if with_language:
        middle.append(choose_language)
    if with_category:
        middle.append(choose_category)
    return middle + [submit_create_course]


def steps(k, params: CreateParams) -> list[Step]:
    return create_steps(with_language=bool(params.language), with_category=bool(params.category))

"""Everything the robot knows about Chamilo 1.11's pages: URLs, selectors, form values.

Facts from ../shared/chamilo/UI-REFERENCE.md (observed on a running 1.11.32). Selectors use names,
values and hrefs — never translated labels: sites customise their wording. Strings here are used
only to *diagnose* a page (error banners), never to find what to click.
"""
from __future__ import annotations

from urllib.parse import quote

VERSION = "1.11"


def cidreq(code: str) -> str:
    return f"cidReq={quote(code)}&id_session=0&gidReq=0&gradebook=0&origin="


class urls:
    login = "/index.php"
    user_portal = "/user_portal.php"

    @staticmethod
    def course_home(code: str) -> str:
        return f"/courses/{quote(code)}/index.php"


class login:
    username = 'input[name="login"]'
    password = 'input[name="password"]'
    submit = 'button[name="submitAuth"]'
    failed_marker = "loginFailed=1"  # in the URL Chamilo redirects to after a refused login
    error_banner = ".alert-danger"
    form_present = 'input[name="login"]'  # a login form on a page we expected to be inside the site


class portal:
    @staticmethod
    def course_link(code: str) -> str:
        return f'a[href*="/courses/{code}/index.php"]'


class home:
    admin_block = ".course-tools-administration"
    maintenance_link = '.course-tools-administration a[href*="course_info/maintenance.php"]'
    settings_link = '.course-tools-administration a[href*="course_info/infocours.php"]'


class maintenance:
    create_backup_link = 'a[href*="coursecopy/create_backup.php"]'
    import_backup_link = 'a[href*="coursecopy/import_backup.php"]'  # the guide: never for a backup
    copy_course_link = 'a[href*="coursecopy/copy_course.php"]'
    recycle_link = 'a[href*="coursecopy/recycle_course.php"]'
    delete_link = 'a[href*="course_info/delete_course.php"]'


class backup:
    form = 'form[name="create_backup_form"]'
    full_radio = 'form[name="create_backup_form"] input[name="backup_option"][value="full_backup"]'
    select_radio = 'form[name="create_backup_form"] input[name="backup_option"][value="select_items"]'
    submit = 'form[name="create_backup_form"] button[name="submit"]'
    download_link = 'a[href*="course_info/download.php?archive="]'


class select_form:
    """CourseSelectForm: shared by backup, copy and recycle "let me select" paths."""

    form = 'form[name="course_select_form"]'
    submit = 'form[name="course_select_form"] button[type="submit"]'
    # learning paths and tests trigger an alert() from the submit button's onclick
    alerting_types = ("learnpath", "quiz")

    @staticmethod
    def section_header(rtype: str) -> str:
        return f"div.item-backup[onclick*=\"exp('{rtype}')\"]"

    @staticmethod
    def checkboxes(rtype: str) -> str:
        return f'form[name="course_select_form"] input[type="checkbox"][name^="resource[{rtype}]"]'


# What users type after --items, and the CourseSelectForm type keys they mean.
ITEM_TYPES: dict[str, tuple[str, ...]] = {
    "documents": ("document",),
    "links": ("link", "Link_Category"),
    "announcements": ("announcement",),
    "description": ("course_description",),
    "events": ("calendar_event",),
    "forums": ("Forum_Category", "forum", "thread"),
    "tests": ("quiz",),
    "learnpaths": ("learnpath",),
    "glossary": ("glossary",),
    "wiki": ("wiki",),
    "surveys": ("survey",),
    "assignments": ("work",),
    "attendance": ("attendance",),
    "thematic": ("thematic",),
    "gradebook": ("gradebook",),
    "intros": ("Tool introduction",),
}


class messages:
    """Texts that identify a page state (diagnosis only), EN and FR, from strings.md."""

    archive_not_writable = (  # ArchivesDirectoryNotWriteableContactAdmin
        "directory, used by this tool, is not writeable",
        "utilisé par cet outil, ne dispose pas des accès en écriture",
    )
    no_resources = ("There are no resources to backup", "Aucune section n'est disponible")


class privacy:
    """What `--blur-people` blurs in recordings: users' names and e-mail addresses where they show."""

    people_selectors = (
        ".avatar-user .username-movil", ".user-header .name",  # the logged-in user, top right
        ".list-teachers", 'a[href*="a=get_user_popup"]',  # teachers on "My courses"
        "footer .teachers",  # "Trainer : …" under a course page
        'form[name="form_student_list"] td:not(:first-child):not(:last-child)',  # user.php lists
        'form[name="form_teacher_list"] td:not(:first-child):not(:last-child)',
        "#form_subscribe_users_id td:not(:first-child):not(:last-child)",  # subscribe_user.php
        "#announcement_preview_result .label", "#announcement_preview_result .badge",  # recipients
        "select#users", "select#users_to",  # announcement recipient pickers
        'a[href^="mailto:"]',
    )


# --- issue 3: a new course for next year (UI-REFERENCE §4, §9.1, §12) -------------------------

class create_course:
    """main/create_course/add_course.php (captured 12a-12d). No sec_token."""

    url = "/main/create_course/add_course.php"
    portal_link = 'a[href*="create_course/add_course.php"]'  # "Create a course" on My courses
    form = 'form[name="add_course"]'
    title = 'form[name="add_course"] input[name="title"]'
    advanced_toggle = "#advanced_params"  # reveals #advanced_params_options (display:none)
    advanced_block = "#advanced_params_options"
    category = 'form[name="add_course"] select[name="category_code"]'
    wanted_code = 'form[name="add_course"] input[name="wanted_code"]'
    language = 'form[name="add_course"] select[name="course_language"]'
    submit = 'form[name="add_course"] button[name="submit"]'
    error = ".alert-danger"
    # course_validation = true: the same form becomes a course *request* with these textareas
    request_fields = ('form[name="add_course"] textarea[name="objetives"], '
                      'form[name="add_course"] textarea[name="target_audience"]')
    # with the platform setting course_creation_splash_screen, the 302 goes to the course's start page
    splash_page = "course_info/start.php"
    code_pattern = r"[A-Za-z0-9]+"
    code_max = 40


class copy:
    """main/coursecopy/copy_course.php (captured 06a, 06b, 15a-15c)."""

    url = "/main/coursecopy/copy_course.php"
    form = 'form[name="copy_course"]'
    destination = 'form[name="copy_course"] select[name="destination_course"]'
    full_copy = 'form[name="copy_course"] input[name="copy_option"][value="full_copy"]'
    select_items = 'form[name="copy_course"] input[name="copy_option"][value="select_items"]'
    submit = 'form[name="copy_course"] button[name="submit"]'
    # same_file_name_option: FILE_SKIP 1, FILE_RENAME 2, FILE_OVERWRITE 3 (the page's default)
    FILE_OPTIONS = {"skip": "1", "rename": "2", "overwrite": "3"}

    @staticmethod
    def file_option(policy: str) -> str:
        value = copy.FILE_OPTIONS[policy]
        return f'form[name="copy_course"] input[name="same_file_name_option"][value="{value}"]'

    @staticmethod
    def finished(code: str) -> str:
        """The "Copying is finished: CODE" alert (alert-info), by its link to the target course."""
        return f'.alert-info a[href*="/courses/{code}/"]'


class widgets:
    """bootstrap-select 1.13 (Chamilo's `selectpicker`): the native <select> stays in the DOM
    (transparent) and a button[data-id=<select id>] + a dropdown list stand for it."""

    @staticmethod
    def picker_button(select_id: str) -> str:
        return f'button[data-id="{select_id}"]'

    picker_menu = "div.dropdown-menu"  # sibling of the button, inside div.bootstrap-select
    picker_items = "ul.dropdown-menu.inner > li"  # one per <option>, in order


class course_items:
    """Reading a course's items as a teacher sees them: Maintenance → Create a backup → "Let me
    select" lists every item in the CourseSelectForm (nothing is backed up unless submitted)."""

    all_boxes = 'form[name="course_select_form"] input[type="checkbox"][name^="resource["]'

    @staticmethod
    def backup_url(code: str) -> str:
        """create_backup.php of a course, opened directly (an inspection, not one of the guide's clicks)."""
        return f"/main/coursecopy/create_backup.php?{cidreq(code)}"
    portal_course_links = 'a[href*="/courses/"]'  # on My courses: one link (or two) per course taught or followed
    # CourseSelectForm types → the names --items uses and the report shows
    TYPE_NAMES = {"document": "documents", "link": "links", "announcement": "announcements",
                  "course_description": "description", "calendar_event": "events", "quiz": "tests",
                  "learnpath": "learnpaths", "forum": "forums", "glossary": "glossary", "wiki": "wiki",
                  "survey": "surveys", "work": "assignments", "attendance": "attendance",
                  "thematic": "thematic", "Link_Category": "link categories"}


class course_page:
    """Facts read on a course home (title in the breadcrumb, code in the tools' cidReq)."""

    breadcrumb_title = "ul.breadcrumb li:first-child a"
    home_marker = "#course_tools"  # the tool blocks of a course home (any visitor who may enter)
    cidreq_link = '.course-tools-administration a[href*="cidReq="]'


class copy_messages:
    """Texts that identify a page state (diagnosis only), EN and FR (strings.md)."""

    code_exists = ("that course code already exists", "ce code de cours existe déjà")  # CourseCodeAlreadyExists

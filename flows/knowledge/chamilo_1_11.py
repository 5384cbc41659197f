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

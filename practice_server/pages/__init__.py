"""Page modules of the practice Chamilo.

To add a page: write ``practice_server/pages/<area>.py`` with a Flask ``Blueprint`` named ``bp``
and add it to ``PAGES`` below (see practice_server/README.md).  Placeholder pages (below) are only
registered for URLs that no blueprint serves, so a real page replaces its placeholder just by
existing.
"""

from __future__ import annotations

from flask import Flask

from . import assets, auth, backup, course_home, maintenance, portal
from . import copy as copy_page, create_course  # issue 3: copy_course.php, add_course.php

PAGES = [
    auth.bp,
    portal.bp,
    course_home.bp,
    maintenance.bp,
    backup.bp,
    assets.bp,
    create_course.bp,
    copy_page.bp,
]

# issue 4: empty / delete a course, settings, introduction, users, announcements
from . import announcements, delete_course, infocours, intro, recycle, users  # noqa: E402

PAGES += [recycle.bp, delete_course.bp, infocours.bp, intro.bp, users.bp, announcements.bp]

# issue 13: the calls every page makes once ready (session clock, chat, users online, messages)
from . import pollers  # noqa: E402

PAGES += [pollers.bp]

# issue 11: the maintenance plugin's static notice (see the ``maintenance`` fault)
from . import maintenance_notice  # noqa: E402

PAGES += [maintenance_notice.bp]

# issue 19: the platform admin's course list, course information and export (UI-REFERENCE §16)
from . import admin_courses  # noqa: E402

PAGES += [admin_courses.bp]

# issue 20: Import backup (restoring a course from a backup zip)
from . import import_backup  # noqa: E402

PAGES += [import_backup.bp]

# (URL, language key of the page title): linked from the pages above but not built yet.
PLACEHOLDERS: list[tuple[str, str]] = [
    ("/main/coursecopy/import_backup.php", "ImportBackup"),
    ("/main/coursecopy/import_moodle.php", "ImportFromMoodle"),
    ("/main/coursecopy/export_moodle.php", "ExportToMoodle"),
    ("/main/common_cartridge/cc13_export.php", "ExportCcVersion13"),
    ("/main/common_cartridge/cc13_import.php", "ImportCcVersion13"),
    ("/main/coursecopy/copy_course.php", "CopyCourse"),
    ("/main/coursecopy/recycle_course.php", "recycle_course"),
    ("/main/course_info/delete_course.php", "DelCourse"),
    ("/main/course_info/infocours.php", "ToolCourseSetting"),
    ("/main/user/user.php", "ToolUser"),
    ("/main/announcements/announcements.php", "ToolAnnouncement"),
    ("/main/document/document.php", "ToolDocument"),
    ("/main/course_description/index.php", "ToolCourseDescription"),
    ("/main/link/link.php", "ToolLink"),
    ("/main/course_home/course_home.php", "AddIntro"),
]


def register_placeholders(app: Flask) -> None:
    from .placeholder import make_placeholder

    taken = {rule.rule for rule in app.url_map.iter_rules()}
    for url, key in PLACEHOLDERS:
        if url not in taken:
            app.add_url_rule(url, endpoint="placeholder:" + url, view_func=make_placeholder(key),
                             methods=["GET", "POST"])

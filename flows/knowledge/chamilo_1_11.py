"""Everything the robot knows about Chamilo 1.11's pages: URLs, selectors, form values.

Facts from ../shared/chamilo/UI-REFERENCE.md (observed on a running 1.11.32). Selectors use names,
values and hrefs — never translated labels: sites customise their wording. Strings here are used
only to *diagnose* a page (error banners), never to find what to click.
"""
from __future__ import annotations

from urllib.parse import quote, urlencode

VERSION = "1.11"


def cidreq(code: str) -> str:
    return f"cidReq={quote(code)}&id_session=0&gidReq=0&gradebook=0&origin="


class urls:
    login = "/index.php"
    user_portal = "/user_portal.php"
    # §13.4: with CAS on (forced or not) this sends an anonymous browser to the CAS server; without
    # CAS it is the home page again
    sso_entry = "/index.php?checkLoginCas=1"

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


class session:
    """Signed in or not, and signing out (UI-REFERENCE §13.5; captures 02, 03: ``#logout_button``)."""

    # on every page of a signed-in user (in the user menu, hidden until opened): found by href
    logout_link = 'a[href*="index.php?logout=logout"]'
    # Chamilo's PHP session (ChamiloSession::NAME). It holds ONE sec_token (Security::get_token()):
    # two browsers sharing it would spoil each other's forms, so it is never shared between workers
    cookie_names = ("ch_sid",)


class site_errors:
    """Chamilo's own error pages (UI-REFERENCE §14.8): all answer HTTP 200, so only the page tells.

    ``classify_js`` runs in the page in one round trip and names what it shows: "database_down",
    "login_form", "not_allowed", "truncated" (a PHP fatal after the page header), "blank", or ""."""

    database_title = "Database is unavailable"          # §14.1: fixed English text, even for French browsers
    database_alert = "#content-error .alert-danger"
    not_allowed_alert = ".alert-danger"                  # §14.7, with the goBack() button below
    not_allowed_back = 'a[onclick^="goBack"]'
    page_shell = "#cm-header, #cm-content, h2.page-header"  # the page got past Chamilo's header
    page_end = "footer.footer"                           # every complete Chamilo page has it (§14.3)

    classify_js = """s => {
      const q = sel => document.querySelector(sel);
      if ((document.title || '').includes(s.database_title) || q(s.database_alert)) return 'database_down';
      if (q(s.login_form)) return 'login_form';
      if (q(s.not_allowed_alert) && q(s.not_allowed_back)) return 'not_allowed';
      if (q(s.page_shell) && !q(s.page_end)) return 'truncated';
      const body = document.body;
      if (!body || (!body.innerText.trim() && !body.querySelector('img, form, iframe, input'))) return 'blank';
      return '';
    }"""

    @classmethod
    def selectors(cls, login_form: str) -> dict[str, str]:
        return {"database_title": cls.database_title, "database_alert": cls.database_alert,
                "not_allowed_alert": cls.not_allowed_alert, "not_allowed_back": cls.not_allowed_back,
                "page_shell": cls.page_shell, "page_end": cls.page_end, "login_form": login_form}


class unread:
    """What no step reads on Chamilo's pages (pictures, fonts, media, and the four background
    polls of every page: session clock, chat, users online, message count — requests.json of the
    captures): a run nobody watches lets the browser skip them. Scripts and styles are always
    loaded (they change how fields behave)."""

    urls = ("*.png", "*.png?*", "*.jpg", "*.jpg?*", "*.jpeg", "*.gif", "*.gif?*", "*.svg", "*.ico", "*.webp",
            "*.woff", "*.woff?*", "*.woff2", "*.woff2?*", "*.ttf", "*.ttf?*", "*.eot", "*.eot?*",
            "*.mp4", "*.webm", "*.mp3",
            "*/main/inc/ajax/session_clock.ajax.php*", "*/main/inc/ajax/chat.ajax.php*",
            "*/main/inc/ajax/online.ajax.php*", "*/main/inc/ajax/message.ajax.php*")


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
    problems = ".alert-danger, .alert-warning, .alert-error"  # where a page says what went wrong
    content_alerts = "#cm-content .alert"  # every message of the page's main content


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


# --- issue 4: keep, close or hand over a course (UI-REFERENCE §5-§8, §10, §12) -----------------

class recycle:
    """main/coursecopy/recycle_course.php (captured 07a-07c, 16a-16d)."""

    form = 'form[name="recycle_course"]'
    full_radio = 'form[name="recycle_course"] input[name="recycle_option"][value="full_backup"]'
    select_radio = 'form[name="recycle_course"] input[name="recycle_option"][value="select_items"]'
    # revealed (div.course-full-delete loses .hidden) when full_radio is chosen; compared with the
    # course's official code
    code_field = 'form[name="recycle_course"] input[name="course_code_confirmation"]'
    submit = 'form[name="recycle_course"] button[name="submit"]'
    select_submit = 'form[name="course_select_form"] button.save'  # "Validate", no onclick on recycle
    done = "#cm-content .alert-success"  # RecycleFinished
    refused = "#cm-content .alert-danger"  # CourseRegistrationCodeIncorrect (nothing deleted)


class delete_course:
    """main/course_info/delete_course.php: a GET form ``delete`` (captured 08, 21a, 21b)."""

    form = 'form[name="delete"]'
    code_field = 'form[name="delete"] input[name="course_code"]'
    yes = 'form[name="delete"] button[name="yes"]'
    # the result: 302 to the site root, "<CODE> has been deleted" shown as an *error* alert
    result = "#cm-content .alert-danger"


class settings:
    """main/course_info/infocours.php (captured 09a, 09b, 20a-20c): one form in accordion panels;
    the Course access panel is collapsed and must be opened before its radios can be used."""

    form = 'form[name="update_course"]'
    title = 'form[name="update_course"] input[name="title"]'
    access_panel_link = 'a[href="#collapse-course-access-settings"]'
    access_panel_open = "#collapse-course-access-settings.in"
    access_save = '#collapse-course-access-settings button[name="submit_save"]'
    saved = "#cm-content .alert-info"  # "Update successful" after the 302
    # visibility: 3 open to the world, 2 open to the platform, 1 private, 0 closed (4 hidden: admins)
    VISIBILITY = {"private": "1", "closed": "0", "platform": "2", "world": "3"}

    @staticmethod
    def radio(name: str, value: str) -> str:
        return f'form[name="update_course"] input[name="{name}"][value="{value}"]'


class ckeditor:
    """CKEditor 4 (4.6.2 on 1.11.32): the textarea is hidden and replaced by an iframe whose body
    is the editable document."""

    @staticmethod
    def frame(name: str) -> str:
        return f"#cke_{name} iframe.cke_wysiwyg_frame"

    @staticmethod
    def textarea(name: str) -> str:
        """The textarea behind the editor (visible and filled directly when CKEditor is absent)."""
        return f'textarea[name="{name}"]'

    READY_JS = ("n => !!(window.CKEDITOR && CKEDITOR.instances[n] && CKEDITOR.instances[n].status === 'ready')")
    PRESENT_JS = "n => !!(window.CKEDITOR && CKEDITOR.instances[n])"
    GET_DATA_JS = ("n => (window.CKEDITOR && CKEDITOR.instances[n]) ? CKEDITOR.instances[n].getData() "
                   ": (document.getElementsByName(n)[0] || {value: ''}).value")


class intro:
    """The course introduction on the course home (captured 13, 19a-19c)."""

    add_link = 'a[href*="course_home.php"][href*="intro_cmdAdd=1"]'
    edit_link = 'a[href*="course_home.php"][href*="intro_cmdEdit=1"]'
    form = 'form[name="introduction_text"]'
    editor = "intro_content"  # textarea name = CKEditor instance
    textarea = 'form[name="introduction_text"] textarea[name="intro_content"]'
    save = 'form[name="introduction_text"] button[name="intro_cmdUpdate"]'
    # IntroductionTextUpdated (200, same response). Every course home also holds an (empty-looking)
    # .alert-success wrapper around #id_normal_message "Please stand by..." and
    # #id_confirmation_message (captures 19a-19c): not the message.
    saved = "#cm-content .alert-success:not(:has(#id_normal_message)):not(#id_confirmation_message)"


class users:
    """main/user/user.php (captured 10a, 10b, 17a-17e, 18d, 18e): SortableTables student_list
    (type=5) and teacher_list (type=1).  The pager links are double-escaped on 1.11.32 (they show
    page 1 again): use the per-page select or a correctly encoded URL."""

    tool_link = '#course_tools a[href*="user/user.php"]'
    STUDENTS, TEACHERS = "5", "1"
    LISTS = {"5": "student_list", "1": "teacher_list"}
    LOGIN_COLUMN = 5  # SortableTable column of the username (sort link <list>_column=5)
    NAME_COLUMNS = (3, 4)  # first and last name (last, first where the site writes names that way)

    @staticmethod
    def tab(utype: str) -> str:
        return f'ul.nav-tabs a[href*="user/user.php"][href*="type={utype}"]'

    @staticmethod
    def url(code: str, utype: str, **extra: str) -> str:
        tail = "".join(f"&{k}={v}" for k, v in extra.items())
        return f"/main/user/user.php?{cidreq(code)}&type={utype}{tail}"

    @staticmethod
    def per_page(list_name: str) -> str:
        return f'select[name="{list_name}_per_page"]'

    @staticmethod
    def table(list_name: str) -> str:
        return f'form[name="form_{list_name}"]'

    @staticmethod
    def checkboxes(list_name: str) -> str:
        return f'form[name="form_{list_name}"] input[type="checkbox"][name="user[]"]'

    @staticmethod
    def select_all(list_name: str) -> str:
        return f'form[name="form_{list_name}"] a[onclick*="setCheckbox(true"]'

    @staticmethod
    def actions_toggle(list_name: str) -> str:
        return f'form[name="form_{list_name}"] button.dropdown-toggle'

    @staticmethod
    def bulk_unsubscribe(list_name: str) -> str:
        return f'form[name="form_{list_name}"] a[data-action="unsubscribe"]'

    @staticmethod
    def header_link(list_name: str, column: int) -> str:
        return f'form[name="form_{list_name}"] th a[href*="{list_name}_column={column}"]'

    @staticmethod
    def row_unregister(user_id: str) -> str:
        return f'a[href*="unregister=yes"][href$="user_id={user_id}"]'

    unregister_links = 'a[href*="unregister=yes"]'
    row_checkbox = 'input[name="user[]"]'
    pager_text = ".data_table_pagination td"  # "1 - 20 / 25"
    # a SortableTable read in the page: its columns by their sort links (<list>_column=N), its rows
    # by their user[] checkbox (the user id); args [form selector, list name, row checkbox, unregister link]
    TABLE_JS = """([form, list, box, unreg]) => {
  const f = document.querySelector(form);
  if (!f) return null;
  const table = f.querySelector('table.data_table') || f.querySelector('table');
  if (!table) return {columns: {}, rows: []};
  const columns = {};
  Array.from(table.querySelectorAll('tr th')).forEach((th, i) => {
    const a = th.querySelector('a[href]');
    const m = a && a.getAttribute('href').match(new RegExp(list + '_column=(\\\\d+)'));
    if (m) columns[m[1]] = i;
  });
  const rows = Array.from(table.querySelectorAll('tr')).filter(tr => tr.querySelector(box))
    .map(tr => ({id: tr.querySelector(box).value,
                 cells: Array.from(tr.children).map(td => td.innerText.replace(/\\s+/g, ' ').trim()),
                 unregister: !!tr.querySelector(unreg)}));
  return {columns, rows};
}"""
    export_csv = 'a[href*="user.php"][href*="action=export"][href*="format=csv"]'
    done = "#cm-content .alert-info"  # UsersUnsubscribed / UserUnsubscribed (200, no redirect)

    @staticmethod
    def subscribe_link(utype: str) -> str:
        return f'a[href*="user/subscribe_user.php"][href*="type={utype}"]'


class subscribe:
    """main/user/subscribe_user.php (captured 10c, 10d, 18a-18c): search, per-row Register."""

    keyword = 'form[name="search_user"] input[name="keyword"]'
    search = 'form[name="search_user"] button[name="submit"]'
    LIST = "subscribe_users"  # its SortableTable (form_subscribe_users)
    # its sort links (18b): 1 code, 2 first name, 3 last name — names in the users list's order; no username
    NAME_COLUMNS = (2, 3)
    table = 'form[name="form_subscribe_users"]'
    bulk_register = 'form[name="form_subscribe_users"] a[data-action="subscribe"]'  # action_click: confirm()
    register_links = 'form[name="form_subscribe_users"] a[href*="register=yes"]'

    @staticmethod
    def register_link(utype: str, user_id: str | None = None) -> str:
        sel = f'a[href*="register=yes"][href*="type={utype}"]'
        return sel + (f'[href$="user_id={user_id}"]' if user_id else "")  # the href ends with it

    @staticmethod
    def url(code: str, utype: str) -> str:
        return f"/main/user/subscribe_user.php?{cidreq(code)}&type={utype}"

    done = "#cm-content .alert-info"  # UserXAddedToCourseX, after the 302 to user.php
    # when allow_user_course_subscription_by_course_admin is false, a platform admin does it:
    ADMIN_ROUTE = "Administration → Courses → edit the course → Teachers (main/admin/course_edit.php)"


class announcements:
    """main/announcements/announcements.php (captured 11a-11c, 22)."""

    tool_link = '#course_tools a[href*="announcements/announcements.php"]'
    add_link = 'a[href*="announcements/announcements.php"][href*="action=add"]'
    form = 'form[name="announcement"]'
    email = 'form[name="announcement"] input[name="email_ann"]'
    title = 'form[name="announcement"] input[name="title"]'
    editor = "content"
    preview = "a#announcement_preview"  # AJAX announcement.ajax.php?…&a=preview, then #send_button shows
    preview_result = "#announcement_preview_result"
    publish = '#send_button button[name="submit"]'
    added = "#cm-content .alert-success"  # AnnouncementAdded, after the 302 to the list
    # the list is a jqGrid filled from model.ajax.php?a=get_course_announcements (JSON rows[].cell)
    list_ajax = ("model.ajax.php", "a=get_course_announcements")
    grid_page_size = "#announcements_pager select.ui-pg-selbox"
    # issue 18 (§18, captures 53a, 1.11.32 and 1.11.16): a course with no announcement shows
    # div#no-data-view instead of the grid, and sends no list request
    grid = "table#announcements"
    empty_view = "#no-data-view"

    @staticmethod
    def url(code: str) -> str:
        return f"/main/announcements/announcements.php?{cidreq(code)}"


class dates:
    """Long dates of the announcements list (captured 22): EN "November 28, 2026 at 08:11 PM",
    FR "Samedi 28 Novembre 2026 à 20:11" (server-local time)."""

    MONTHS = {m: i for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
         "november", "december"], start=1)}
    MONTHS.update({m: i for i, m in enumerate(
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
         "novembre", "décembre"], start=1)})
    EN = r"(?P<month>[A-Za-z]+) (?P<day>\d{1,2}), (?P<year>\d{4}) at (?P<h>\d{1,2}):(?P<m>\d{2}) ?(?P<ampm>AM|PM)"
    FR = r"(?P<day>\d{1,2}) (?P<month>[A-Za-zéû]+) (?P<year>\d{4}) à (?P<h>\d{1,2})[:h](?P<m>\d{2})"
# --- end issue 4


# --- issue 19: the platform admin's course list and export; course facts a teacher reads ---------

class admin:
    """A platform admin's pages (UI-REFERENCE §16, captured 51a-51f). Whether the signed-in account
    is one is read on the site: the course list answers (api_protect_admin_script). Not the navbar's
    Administration tab (li.admin): Chamilo shows it to session admins too (api_is_platform_admin(true))."""

    course_list = "/main/admin/course_list.php"
    list_table = 'form[name="form_courses"]'
    list_search = 'form[name="search_simple"] input[name="keyword"]'
    list_codes = 'form[name="form_courses"] input[type="checkbox"][name="course[]"]'  # value = the course code
    LIST = "courses"          # its SortableTable: courses_page_nr, courses_per_page, courses_column, courses_direction
    CODE_COLUMN = "2"         # sorted by code, ascending: pages that do not move under the reader
    PAGE_SIZE = 1000          # rows asked per page (§16: 1,000 rows in 0.36 s on 1.11.16; no sec_token needed)

    @staticmethod
    def list_url(keyword: str = "", page: int = 1, per_page: int = 20) -> str:
        params = ([("keyword", keyword)] if keyword else []) + [
            ("courses_page_nr", str(page)), ("courses_per_page", str(per_page)),
            ("courses_column", admin.CODE_COLUMN), ("courses_direction", "ASC")]
        return f"{admin.course_list}?{urlencode(params)}"

    course_export = "/main/admin/course_export.php"
    export_form = 'form[name="export"]'
    export_all = 'form[name="export"] input[name="select_type"][value="1"]'
    export_csv = 'form[name="export"] input[name="file_type"][value="csv"]'
    export_users = 'form[name="export"] input[name="include_users"]'
    export_submit = 'form[name="export"] button[name="submit"]'
    # the export (51d/export.csv): UTF-8 with BOM, ";", one line per course; the robot's names → its columns.
    # Users: the learners' usernames, OtherTeachers: the teachers' (the Teacher column is a free-text name)
    EXPORT_DELIMITER = ";"
    EXPORT_LIST_SEPARATOR = "|"
    EXPORT_COLUMNS = {"code": "Code", "title": "Title", "category": "CourseCategory", "language": "Language",
                      "learners": "Users", "teachers": "OtherTeachers"}
    # read when there: 1.11.32 writes Visibility (51d); course_export.php of earlier 1.11 releases (the one in
    # chamilo-lms's history: include_extrafields but no Visibility) does not, and the list is as good without it
    EXPORT_OPTIONAL_COLUMNS = {"visibility": "Visibility"}
    # Visibility numbers (course.visibility): 0 closed, 1 private, 2 open to the platform, 3 open to the world, 4 hidden
    VISIBILITY_NAMES = {"0": "closed", "1": "private", "2": "platform", "3": "world", "4": "hidden"}


class course_facts:
    """What a teacher reads of a course they teach: its Settings form (infocours.php, §6) and its
    Users tool's two lists (§7). The settings page answers "not allowed" to a learner of the course."""

    @staticmethod
    def settings_url(code: str) -> str:
        return f"/main/course_info/infocours.php?{cidreq(code)}"

    title = 'form[name="update_course"] input[name="title"]'
    category = 'form[name="update_course"] select[name="category_code"]'
    language = 'form[name="update_course"] select[name="course_language"]'
    visibility = 'form[name="update_course"] input[name="visibility"]:checked'
# --- end issue 19


# --- issue 21: the anonymous pages' language (UI-REFERENCE §18; captures fr/01a, fr/01x, fr/53b, fr/53c)
class site_language:
    """Anonymous pages (the login page) are in the first Accept-Language entry that equals one of
    the site's language isocodes exactly (``fr``; a bare ``fr-FR`` is not matched), else in
    English. The login page also has a language menu (1.11.16 and 1.11.32 alike): links
    ``/index.php?language=<folder>``, whose choice the PHP session keeps until the login; then the
    user's profile language, and inside a course the course's language, decide."""

    # the robot's --lang → the site's language folder (the menu link's value)
    folders = {"en": "english", "fr": "french"}
    page_lang_js = "() => (document.documentElement.getAttribute('lang') || '').trim().toLowerCase()"

    @classmethod
    def menu_link(cls, lang: str) -> str:
        """The language menu's link to ``lang`` (found by its href: never by its label)."""
        return f'a[href$="index.php?language={cls.folders[lang]}"]'
# --- end issue 21


# --- issue 20: Import backup = restoring a course from a zip (UI-REFERENCE §15, captures 50a-50k) -----

class import_backup:
    """main/coursecopy/import_backup.php: one multipart form, then the backup's CourseSelectForm for a
    partial import. Only an *uploaded* zip can be imported partially (§15.3: a server file is lost
    between the two POSTs: "There are no resources in backup file", nothing imported)."""

    form = 'form[name="import_backup_form"]'
    local_radio = 'form[name="import_backup_form"] input[name="backup_type"][value="local"]'
    file_input = 'form[name="import_backup_form"] input[type="file"][name="backup"]'
    server_radio = 'form[name="import_backup_form"] input[name="backup_type"][value="server"]'
    server_select = 'form[name="import_backup_form"] select[name="backup_server"]'
    full_radio = 'form[name="import_backup_form"] input[name="import_option"][value="full_backup"]'
    select_radio = 'form[name="import_backup_form"] input[name="import_option"][value="select_items"]'
    max_file_size = 'form[name="import_backup_form"] input[name="MAX_FILE_SIZE"]'
    submit = 'form[name="import_backup_form"] button[name="submit"]'
    # the answers (alerts outside any form: the item list holds an info and a hidden warning of its own)
    finished = '#cm-content .alert-info:not(form .alert-info)'      # ImportFinished
    no_resources = '#cm-content .alert-warning:not(form .alert-warning)'  # NoResourcesInBackupFile
    no_file = '#cm-content .alert-danger'                          # SelectBackupFile
    # same_file_name_option: CourseRestorer's FILE_SKIP 1, FILE_RENAME 2, FILE_OVERWRITE 3, as on Copy
    # course (3 is this page's default, §15.1)
    FILE_OPTIONS = copy.FILE_OPTIONS
    # the server list's values: <user id>_<CODE>_<YYYYmmdd-HHMMSS>.zip (§3.4)
    SERVER_NAME = r"^(?P<user>\d+)_(?P<code>[^_]+)_(?P<stamp>\d{8}-\d{6})\.zip$"

    @staticmethod
    def file_option(policy: str) -> str:
        value = import_backup.FILE_OPTIONS[policy]
        return f'form[name="import_backup_form"] input[name="same_file_name_option"][value="{value}"]'


class course_contents:
    """What a course holds, with sizes: Maintenance → Empty this course → "Let me select" carries the
    whole course object (base64 of its PHP serialisation) in a hidden ``course`` field (§12, capture
    16a). The robot reads it and leaves: the list is never submitted, nothing is deleted."""

    course_field = 'form[name="course_select_form"] input[name="course"]'

    @staticmethod
    def recycle_url(code: str) -> str:
        return f"/main/coursecopy/recycle_course.php?{cidreq(code)}"
# --- end issue 20


# --- issue 18: backups and imports share one temporary folder per site (UI-REFERENCE §17) ---------

class archiver:
    """Every "Create a backup" (CourseArchiver::createBackup) and every "Import backup" (readCourse,
    import_backup.php) first deletes every CourseArchiver_* folder of the site's
    app/cache/course_backups/ — the temporary folders of backups still being built, whoever started
    them; the victim's page still says "created" and its zip is truncated (captures 52a, 52b). So a
    site builds one backup (or reads one import) at a time: the steps from such a POST until its zip
    is downloaded (or the import answered) are marked ``exclusive=archiver.work`` (the engine holds
    the site-wide lock of that name: robot/locks.SiteWork)."""

    work = "course-archiver"
# --- end issue 18

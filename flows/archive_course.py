"""Case 2 of the guide, the old course stays: mark it as an archive.

« …le laisser sur Chamilo avec l'année académique ou le mot "archive" dans son titre ou dans son
bloc d'introduction, afin que la prochaine volée ne se trompe pas de cours, et/ou le rendre privé et
ne plus autoriser les inscriptions » (« Définir les accès à votre espace de cours »).

Settings: the label goes into the title, Course access → private (or closed), subscriptions and
unsubscriptions closed.  Course home: the label becomes the first line of the introduction, typed
in its editor.  Running it again changes nothing that is already done (the label is not added twice).
"""
from __future__ import annotations

from dataclasses import dataclass

from robot.engine.steps import Effect, Step, StepContext, step
from robot.errors import StepFailed, VerificationError

from .common import open_course_home, require, url
from .course_admin import CourseAdminParams, editor_html, editor_ready, expect, plain_text, type_in_editor


@dataclass
class ArchiveParams(CourseAdminParams):
    label: str = ""
    visibility: str = "private"  # private | closed


def _has_label(text: str, label: str) -> bool:
    return label.casefold() in " ".join((text or "").split()).casefold()


@step("open_settings", en="In “Administration”, click “Settings”", fr="Dans « Administration », cliquer sur « Paramètres »",
      target=lambda k: k.home.settings_link)
def open_settings(s: StepContext) -> None:
    require(s, s.k.home.settings_link, "the “Settings” tool")
    s.click(s.page.locator(s.k.home.settings_link))
    require(s, s.k.settings.form, "the course settings form")


@step("put_label_in_title", en="Add the archive label to the course title", target=lambda k: k.settings.title,
      fr="Ajouter la mention d'archive au titre du cours", replay_from="open_settings")
def put_label_in_title(s: StepContext) -> None:
    field = s.page.locator(s.k.settings.title)
    s.mark(field)
    title = field.input_value()
    s.data["title_before"] = title
    if _has_label(title, s.params.label):
        s.data["title_after"] = title
        return
    new = f"{title.strip()} ({s.params.label})"
    field.fill(new)
    s.data["title_after"] = new


@step("open_course_access", en="Open the “Course access” panel", fr="Ouvrir le panneau « Accès à ce cours »",
      target=lambda k: k.settings.access_panel_link, replay_from="open_settings")
def open_course_access(s: StepContext) -> None:
    if not s.page.locator(s.k.settings.access_panel_open).count():
        s.click(s.page.locator(s.k.settings.access_panel_link), navigates=False)
    s.page.locator(s.k.settings.access_panel_open).wait_for(state="visible", timeout=s.timeout_ms)


@step("choose_visibility", en="Choose “Private access” (or “Closed”)", fr="Choisir « Accès privé » (ou « Fermé »)",
      target=lambda k: k.settings.radio("visibility", "1"), replay_from="open_settings")
def choose_visibility(s: StepContext) -> None:
    value = s.k.settings.VISIBILITY[s.params.visibility]
    radio = s.page.locator(s.k.settings.radio("visibility", value))
    s.mark(radio)
    radio.check(timeout=s.timeout_ms)


@step("close_subscriptions", en="Subscription: choose “This function is only available to trainers”",
      fr="Inscription : choisir « Cette fonction est accessible seulement aux administrateurs de cours »",
      target=lambda k: k.settings.radio("subscribe", "0"), replay_from="open_settings")
def close_subscriptions(s: StepContext) -> None:
    radio = s.page.locator(s.k.settings.radio("subscribe", "0"))
    s.mark(radio)
    radio.check(timeout=s.timeout_ms)


@step("close_unsubscriptions", en="Unsubscribe: choose “Users are not allowed to unsubscribe from this course”",
      fr="Désinscription : choisir « Ne pas autoriser l'annulation de son enregistrement »",
      target=lambda k: k.settings.radio("unsubscribe", "0"), replay_from="open_settings")
def close_unsubscriptions(s: StepContext) -> None:
    radio = s.page.locator(s.k.settings.radio("unsubscribe", "0"))
    s.mark(radio)
    radio.check(timeout=s.timeout_ms)


def _settings_not_kept(s: StepContext) -> list[str]:
    """What the settings form (as the site reloaded it) does not show of the archive settings."""
    value = s.k.settings.VISIBILITY[s.params.visibility]
    title = s.page.locator(s.k.settings.title).input_value()
    wrong = []
    if not _has_label(title, s.params.label):
        wrong.append(f"title {title!r}")
    for name, want in (("visibility", value), ("subscribe", "0"), ("unsubscribe", "0")):
        if not s.page.locator(s.k.settings.radio(name, want)).is_checked():
            wrong.append(f"{name} is not {want}")
    s.data["title_saved"] = title
    return wrong


def _settings_saved(s: StepContext) -> bool:
    """Effect check: the course's Settings page shows the label and the closed access."""
    s.goto(url(s, s.k.urls.course_home(s.params.course)))
    s.click(s.page.locator(s.k.home.settings_link))
    if _settings_not_kept(s):
        return False
    s.data["settings_saved"] = "(found saved on the site after a lost answer)"
    return True


def _intro_saved(s: StepContext) -> bool:
    """Effect check: the course introduction starts with the label."""
    s.goto(url(s, s.k.urls.course_home(s.params.course)))
    link = s.page.locator(s.k.intro.edit_link)
    if not link.count():
        return False
    s.click(link)
    if not _has_label(plain_text(s.page.locator(s.k.intro.textarea).input_value()), s.params.label):
        return False
    s.data["intro_saved"] = "(found saved on the site after a lost answer)"
    return True


@step("save_settings", en="Click “Save settings”", fr="Cliquer sur « Enregistrer les paramètres »", changes_site=True,
      target=lambda k: k.settings.access_save, replay_from="open_settings",
      effect=Effect(where=lambda s: f"the Settings of {s.params.course} (title, Course access)", check=_settings_saved))
def save_settings(s: StepContext) -> None:
    s.click(s.page.locator(s.k.settings.access_save))
    s.data["settings_saved"] = expect(s, s.k.settings.saved, "the “Update successful” message")
    wrong = _settings_not_kept(s)  # the reloaded form shows what the site kept
    if wrong:
        raise VerificationError("the course settings were not kept: " + ", ".join(wrong))


@step("back_to_course_home", en="Go back to the course home (the course title in the breadcrumb)",
      fr="Revenir à l'accueil du cours (le titre du cours dans le fil d'Ariane)", target=lambda k: k.course_page.breadcrumb_title)
def back_to_course_home(s: StepContext) -> None:
    s.click(s.page.locator(s.k.course_page.breadcrumb_title))
    require(s, s.k.home.maintenance_link, "the course home's Administration tools")


@step("edit_introduction", en="Click the edit icon of the course introduction",
      fr="Cliquer sur l'icône d'édition de l'introduction du cours", target=lambda k: k.intro.edit_link)
def edit_introduction(s: StepContext) -> None:
    link = s.page.locator(s.k.intro.edit_link)
    if not link.count():
        link = s.page.locator(s.k.intro.add_link)
    if not link.count():
        raise StepFailed(f"no edit icon for the course introduction on {s.page.url}")
    s.click(link)
    require(s, s.k.intro.form, "the introduction editor")
    editor_ready(s, s.k.intro.editor)


@step("type_label_in_intro", en="Type the archive label as the first line of the introduction",
      fr="Saisir la mention d'archive en première ligne de l'introduction", replay_from="edit_introduction",
      target=lambda k: k.ckeditor.frame(k.intro.editor))
def type_label_in_intro(s: StepContext) -> None:
    before = editor_html(s, s.k.intro.editor)
    s.data["intro_before"] = before
    if _has_label(plain_text(before), s.params.label):
        s.data["intro_unchanged"] = True
        return
    type_in_editor(s, s.k.intro.editor, s.params.label, at_start=True)
    after = plain_text(editor_html(s, s.k.intro.editor))
    if not after.casefold().startswith(s.params.label.casefold()):
        raise StepFailed(f"the label did not land at the top of the introduction (it reads {after[:80]!r})")


@step("save_intro", en="Click “Save intro text”", fr="Cliquer sur « Enregistrer le texte d'intro »", changes_site=True,
      target=lambda k: k.intro.save, replay_from="edit_introduction",
      effect=Effect(where=lambda s: f"the introduction on {s.params.course}'s home", check=_intro_saved))
def save_intro(s: StepContext) -> None:
    if s.data.get("intro_unchanged"):
        s.mark(s.page.locator(s.k.intro.save))  # nothing to save: the label is already there
        return
    s.click(s.page.locator(s.k.intro.save))
    s.data["intro_saved"] = expect(s, s.k.intro.saved, "the “Intro was updated” message")


def steps(k, params: ArchiveParams) -> list[Step]:
    return [open_course_home, open_settings, put_label_in_title, open_course_access,
                                choose_visibility, close_subscriptions, close_unsubscriptions, save_settings,
                                back_to_course_home, edit_introduction, type_label_in_intro, save_intro]

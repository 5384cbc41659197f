"""create_backup.php and download.php driven by a real browser."""
from __future__ import annotations

import re
import zipfile

import pytest

from .helpers import BACKUP, DOWNLOAD, course_info, download, login, open_backup_form, submit_full_backup, zip_documents


def test_full_backup_zip_holds_every_document_and_a_decodable_course_info(open_page, server_url, practice_server, tmp_path):
    page = open_page("en")
    login(page, server_url, "teacher", via_form=False)
    page.goto(f"{server_url}/courses/DEMO101/index.php")
    page.click("a#tooldesc_24")
    page.click("a[href*='coursecopy/create_backup.php']")
    assert page.locator("h2.page-header").inner_text().strip() == "Create a backup"
    assert page.is_checked("input[name=backup_option][value=full_backup]")
    submit_full_backup(page)
    assert page.url == f"{server_url}{BACKUP}?cidReq=DEMO101&id_session=0&gidReq=0&gradebook=0&origin="
    assert page.locator("div.alert.alert-success").inner_text().strip().startswith("The backup has been created.")
    link = page.locator("a.btn.btn-primary.btn-large")
    assert link.inner_text().strip() == "Download"
    assert re.fullmatch(
        re.escape(f"{server_url}{DOWNLOAD}?archive=") + r"2_DEMO101_\d{8}-\d{6}\.zip"
        + re.escape("&cidReq=DEMO101&id_session=0&gidReq=0&gradebook=0&origin="), link.get_attribute("href"))
    saved = download(page, tmp_path)
    assert re.fullmatch(r"2_DEMO101_\d{8}-\d{6}\.zip", saved.name)
    assert zip_documents(saved) == practice_server.state.course_files("DEMO101")
    assert "Resume-ete.pdf" in practice_server.state.course_files("DEMO101")
    with zipfile.ZipFile(saved) as zf:
        names = zf.namelist()
        assert zf.testzip() is None
    assert names[0] == "document/" and names[-1] == "course_info.dat"
    assert "document/Semaine-1/" in names and "document/Semaine-1/Annexes/" in names
    course = course_info(saved)
    assert course.class_name == "Chamilo\\CourseBundle\\Component\\CourseCopy\\Course"
    assert list(course.props) == ["resources", "code", "path", "destination_path", "destination_db", "encoding",
                                  "backup_path", "type", "info"]
    assert course["code"] == "DEMO101" and course["type"] == "complete" and course["encoding"] == "UTF-8"
    res = course["resources"]
    assert set(res) == {"announcement", "course_description", "document", "quiz", "link"}
    assert list(res["quiz"]) == [-1]
    docs = {d["path"]: d for d in res["document"].values()}
    assert docs["document/Resume-ete.pdf"]["title"] == "Résumé été.pdf"
    assert docs["document/Resume-ete.pdf"]["file_type"] == "file"
    assert docs["document/Semaine-1"]["file_type"] == "folder"
    assert docs["document/Resume-ete.pdf"]["size"] == len(practice_server.state.course_files("DEMO101")["Resume-ete.pdf"])
    assert course["info"]["language"] == "english"
    assert practice_server.state.count("POST", BACKUP) == 1


def test_french_course_labels(open_page, server_url, practice_server, tmp_path):
    page = open_page("fr")
    login(page, server_url, "teacher", via_form=False)
    page.goto(f"{server_url}/main/course_info/maintenance.php?cidReq=HIST2026")
    assert page.locator("h2.page-header").inner_text().strip() == "Maintenance"
    page.click("text=Créer une sauvegarde")
    assert page.locator("legend").inner_text().strip() == "Veuillez sélectionner une option de sauvegarde."
    assert page.locator("label:has(input[value=full_backup])").inner_text().strip() == \
        "Faire un sauvegarde complète de ce cours"
    assert page.locator("button#create_backup_form_submit").inner_text().strip() == "Créer une sauvegarde"
    assert [t.strip() for t in page.locator("ul.breadcrumb li").all_inner_texts()] == [
        "Histoire 2026", "Maintenance", "Créer une sauvegarde"]
    submit_full_backup(page)
    assert page.locator("div.alert.alert-success").inner_text().strip().startswith(
        "La sauvegarde (backup) de ce cours a été effectuée.")
    assert page.locator("a.btn-large").inner_text().strip() == "Télécharger"
    saved = download(page, tmp_path)
    assert zip_documents(saved) == practice_server.state.course_files("HIST2026")
    assert course_info(saved)["resources"]["quiz"][-1]["obj"]["title"] == "Questions orphelines"


def test_select_items_backup_holds_only_the_ticked_documents(open_page, server_url, practice_server, tmp_path):
    page = open_page("en")
    login(page, server_url, "teacher", via_form=False)
    open_backup_form(page, server_url, "DEMO101")
    page.check("input[name=backup_option][value=select_items]")
    with page.expect_navigation():
        page.click("button[name=submit]")
    form = page.locator("form#upload_form[name=course_select_form]")
    assert form.get_attribute("action") is None
    assert page.locator("span.title").all_inner_texts() == [
        "Announcements", "Course Description", "Documents", "Tests", "Links", "Forums"]
    assert page.locator("input[name='resource[quiz][-1]']").count() == 1
    box = page.locator("input[type=checkbox][name^='resource[document]']").first
    assert not box.is_visible()  # lists start collapsed
    page.click("div.item-backup[onclick*=\"exp('document')\"]")
    assert box.is_visible()
    docs = {d["path"]: d["iid"] for d in practice_server.state.documents("DEMO101")}
    wanted = ["/notes.txt", "/Semaine-1/cours.pdf"]
    for path in wanted:
        page.check(f"input[name='resource[document][{docs[path]}]']")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.accept()))
    with page.expect_navigation():
        page.click("button.save.btn.btn-primary[type=submit]")
    assert dialogs == []  # no learning path or test ticked
    assert page.locator("div.alert.alert-success").count() == 1
    saved = download(page, tmp_path)
    files = practice_server.state.course_files("DEMO101")
    assert zip_documents(saved) == {"notes.txt": files["notes.txt"], "Semaine-1/cours.pdf": files["Semaine-1/cours.pdf"]}
    course = course_info(saved)
    assert set(course["resources"]) == {"document"} and course["type"] == "partial"
    with zipfile.ZipFile(saved) as zf:
        assert "document/Semaine-1/" in zf.namelist()


def test_all_button_and_learnpath_alert(open_page, server_url, tmp_path):
    page = open_page("en")
    login(page, server_url, "teacher", via_form=False)
    open_backup_form(page, server_url, "DEMO101")
    page.check("input[name=backup_option][value=select_items]")
    with page.expect_navigation():
        page.click("button[name=submit]")
    page.click("div.item-backup[onclick*=\"exp('link')\"]")
    page.click("#div_link a:has-text('All')")
    assert all(b.is_checked() for b in page.locator("input[name^='resource[link]']").all())
    page.click("#div_link a:has-text('none')")
    assert not any(b.is_checked() for b in page.locator("input[name^='resource[link]']").all())
    page.click("div.item-backup[onclick*=\"exp('quiz')\"]")
    page.click("#div_quiz a:has-text('All')")
    messages = []
    page.on("dialog", lambda d: (messages.append(d.message), d.accept()))
    with page.expect_navigation():
        page.click("button.save")
    assert messages == ["Documents will be added too"]
    course = course_info(download(page, tmp_path))
    assert set(course["resources"]) == {"quiz"}


def test_nothing_ticked_warns_no_resources(open_page, server_url, practice_server):
    page = open_page("en")
    login(page, server_url, "teacher", via_form=False)
    open_backup_form(page, server_url, "DEMO101")
    page.check("input[name=backup_option][value=select_items]")
    with page.expect_navigation():
        page.click("button[name=submit]")
    with page.expect_navigation():
        page.click("button.save")
    assert page.locator("div.alert.alert-warning").inner_text().strip() == "There are no resources to backup"
    assert page.locator("a.btn-large").count() == 0
    assert practice_server.state.backups() == []


def test_empty_course_select_items_warns(open_page, server_url, practice_server):
    with practice_server.state.db() as con:
        cid = practice_server.state.course("ADMIN1")["id"]
        for table in ("document", "link", "announcement", "course_description"):
            con.execute(f"DELETE FROM {table} WHERE c_id = ?", (cid,))
    page = open_page("en")
    login(page, server_url, "admin", via_form=False)
    open_backup_form(page, server_url, "ADMIN1")
    page.check("input[name=backup_option][value=select_items]")
    with page.expect_navigation():
        page.click("button[name=submit]")
    assert page.locator("div.alert.alert-warning").inner_text().strip() == "There are no resources to backup"


def test_invalid_or_replayed_token_shows_the_form_again(open_page, server_url, practice_server):
    page = open_page("en")
    login(page, server_url, "teacher", via_form=False)
    open_backup_form(page, server_url, "DEMO101")
    page.evaluate("document.querySelector('input[name=sec_token]').value = 'deadbeef'.repeat(4)")
    submit_full_backup(page)
    assert page.locator("form#create_backup_form").count() == 1
    assert page.locator("a.btn-large").count() == 0
    assert practice_server.state.backups() == []
    # a second tab overwrites the session token: the first form's token is then stale
    first_token = page.locator("input[name=sec_token]").get_attribute("value")
    other = page.context.new_page()
    open_backup_form(other, server_url, "DEMO101")
    submit_full_backup(page)
    assert page.locator("a.btn-large").count() == 0
    assert first_token != other.locator("input[name=sec_token]").get_attribute("value")
    other.close()


def test_download_rules(open_page, server_url, practice_server, browser):
    page = open_page("en")
    login(page, server_url, "teacher", via_form=False)
    open_backup_form(page, server_url, "DEMO101")
    submit_full_backup(page)
    href = page.locator("a.btn-large").get_attribute("href")
    # same URL without the session: 200 text/html not-allowed page
    anon = browser.new_context()
    resp = anon.request.get(href)
    assert resp.status == 200 and resp.headers["content-type"].startswith("text/html")
    assert "not allowed" in resp.text()
    anon.close()
    # headers of the real thing
    resp = page.request.get(href)
    name = href.split("archive=")[1].split("&")[0]
    assert resp.status == 200
    assert resp.headers["content-type"] == "application/octet-stream"
    assert resp.headers["content-disposition"] == f"attachment; filename= {name}"
    assert resp.headers["content-description"] == name
    assert resp.headers["content-transfer-encoding"] == "binary"
    assert resp.headers["cache-control"] == "no-store, no-cache, must-revalidate"
    assert resp.headers["pragma"] == "no-cache"
    assert "x-powered-by" not in resp.headers
    assert int(resp.headers["content-length"]) == len(resp.body()) == (practice_server.state.backup_dir / name).stat().st_size
    # a missing file: empty 200; a student: not allowed
    missing = page.request.get(href.replace(name, "2_DEMO101_20000101-000000.zip"))
    assert missing.status == 200 and missing.body() == b""
    student = open_page("en", fresh=True)
    login(student, server_url, "student", via_form=False)
    assert "not allowed" in student.request.get(href).text()


def test_archive_not_writable(open_page, server_url, practice_server):
    practice_server.state.faults.add("POST", BACKUP, "archive_not_writable")
    page = open_page("en")
    login(page, server_url, "teacher", via_form=False)
    open_backup_form(page, server_url, "DEMO101")
    submit_full_backup(page)
    assert page.locator("div.alert.alert-warning").inner_text().strip() == (
        "The app/cache/ directory, used by this tool, is not writeable. Please contact your platform administrator.")
    assert practice_server.state.backups() == []

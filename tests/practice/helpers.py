"""Browser helpers for the practice-server tests."""
from __future__ import annotations

import base64
import zipfile
from pathlib import Path

from chamilo_backup import phpserial as phpserialize

BACKUP = "/main/coursecopy/create_backup.php"
DOWNLOAD = "/main/course_info/download.php"


def login(page, base: str, username: str = "teacher", password: str | None = None, *, via_form: bool = True) -> None:
    """Log in through formLogin; ``via_form=False`` posts it with the context's request API instead
    (same cookies, no page rendered: faster for tests about other pages)."""
    password = password if password is not None else username
    if not via_form:
        resp = page.request.post(f"{base}/index.php", form={
            "login": username, "password": password, "submitAuth": "", "_qf__formLogin": ""})
        assert resp.url.endswith("/user_portal.php"), resp.url
        return
    page.goto(f"{base}/index.php")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[name=submitAuth]")


def open_backup_form(page, base: str, code: str) -> None:
    page.goto(f"{base}/main/coursecopy/create_backup.php?cidReq={code}&id_session=0&gidReq=0&gradebook=0&origin=")


def submit_full_backup(page) -> None:
    page.check("input[name=backup_option][value=full_backup]")
    with page.expect_navigation():
        page.click("button[name=submit]")


def download(page, dest: Path) -> Path:
    with page.expect_download() as info:
        page.click("a.btn.btn-primary.btn-large[href*='course_info/download.php?archive=']")
    dl = info.value
    assert dl.failure() is None, dl.failure()
    target = dest / dl.suggested_filename
    dl.save_as(target)
    return target


def zip_documents(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n[len("document/"):]: zf.read(n) for n in zf.namelist()
                if n.startswith("document/") and not n.endswith("/")}


def course_info(path: Path):
    with zipfile.ZipFile(path) as zf:
        return phpserialize.loads(base64.b64decode(zf.read("course_info.dat")))

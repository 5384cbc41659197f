"""BIG50 (~50 MB): the backup and its download stream through a real browser."""
from __future__ import annotations

import time

import pytest

from .helpers import download, login, open_backup_form, submit_full_backup, zip_documents


@pytest.mark.slow
def test_big_course_backup_downloads_whole(open_page, big_practice_server, tmp_path):
    base = big_practice_server.url
    files = big_practice_server.state.course_files("BIG50")
    assert 50 * 1024 * 1024 <= sum(map(len, files.values())) < 60 * 1024 * 1024
    page = open_page("en")
    page.set_default_timeout(60_000)  # a loaded CI machine; the whole test takes ~3 s when idle
    login(page, base, "teacher", via_form=False)
    t0 = time.monotonic()
    open_backup_form(page, base, "BIG50")
    submit_full_backup(page)
    saved = download(page, tmp_path)
    elapsed = time.monotonic() - t0
    assert zip_documents(saved) == files
    assert elapsed < 30, elapsed
    assert big_practice_server.state.count("GET", "/main/course_info/download.php") == 1

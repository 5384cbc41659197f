"""BIG50 (~50 MB): the backup and its download stream through a real browser."""
from __future__ import annotations

import pytest

from .helpers import download, login, open_backup_form, submit_full_backup, zip_documents


@pytest.mark.slow
def test_big_course_backup_downloads_whole(open_page, big_practice_server, tmp_path):
    base = big_practice_server.url
    files = big_practice_server.state.course_files("BIG50")
    assert 50 * 1024 * 1024 <= sum(map(len, files.values())) < 60 * 1024 * 1024
    page = open_page("en")
    page.set_default_timeout(60_000)  # a loaded CI machine (how fast it is: bench/)
    login(page, base, "teacher", via_form=False)
    open_backup_form(page, base, "BIG50")
    submit_full_backup(page)
    saved = download(page, tmp_path)
    assert zip_documents(saved) == files
    assert big_practice_server.state.count("GET", "/main/course_info/download.php") == 1

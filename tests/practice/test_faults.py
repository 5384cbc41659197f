"""Fault injection, seen from a real browser."""
from __future__ import annotations

import io
import zipfile
import zlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from practice_server.faults import FaultPlan

from .helpers import BACKUP, DOWNLOAD, download, login, open_backup_form, submit_full_backup, zip_documents


def test_fault_plan_parse():
    plan = FaultPlan.parse("POST /main/coursecopy/create_backup.php status code=500 times=1")
    assert (plan.method, plan.path, plan.kind, plan.times, plan.skip, plan.params) == (
        "POST", "/main/coursecopy/create_backup.php", "status", 1, 0, {"code": 500})
    plan = FaultPlan.parse("get /index.php delay seconds=0.5 times=3 skip=2")
    assert (plan.method, plan.times, plan.skip, plan.params) == ("GET", 3, 2, {"seconds": 0.5})
    assert FaultPlan.parse("GET /x cut_download after_bytes=100").params == {"after_bytes": 100}
    for bad in ["GET /index.php", "GET /index.php explode", "GET /index.php status", "GET index.php blank",
                "GET /index.php delay seconds=1 colour=red", "GET /index.php status code=200"]:
        with pytest.raises(ValueError):
            FaultPlan.parse(bad)


def test_status_500_once_then_ok_and_skip(open_page, server_url, practice_server):
    st = practice_server.state
    st.faults.add("GET", "/index.php", "status", code=500, times=1, skip=1)
    page = open_page("en")
    assert page.goto(f"{server_url}/index.php").status == 200   # skipped
    assert page.goto(f"{server_url}/index.php").status == 500   # faulted
    assert page.goto(f"{server_url}/index.php").status == 200   # exhausted
    assert st.count("GET", "/index.php") == 3
    assert [s for m, p, s in st.requests if p == "/index.php"] == [200, 500, 200]


def test_500_on_backup_post_then_retry_works(open_page, server_url, practice_server, tmp_path):
    practice_server.state.faults.add("POST", BACKUP, "status", code=502)
    page = open_page("en")
    login(page, server_url, "teacher", via_form=False)
    open_backup_form(page, server_url, "DEMO101")
    submit_full_backup(page)
    assert page.locator("a.btn-large").count() == 0
    open_backup_form(page, server_url, "DEMO101")
    submit_full_backup(page)
    saved = download(page, tmp_path)
    assert zip_documents(saved) == practice_server.state.course_files("DEMO101")
    assert practice_server.state.count("POST", BACKUP) == 2


def test_cut_download_fails_in_the_browser(open_page, server_url, practice_server):
    # Chromium resumes an interrupted download by itself up to 5 times: cut them all
    practice_server.state.faults.add("GET", DOWNLOAD, "cut_download", after_bytes=20_000, times=6)
    page = open_page("en")
    login(page, server_url, "teacher", via_form=False)
    open_backup_form(page, server_url, "DEMO101")
    submit_full_backup(page)
    with page.expect_download() as info:
        page.click("a.btn-large")
    assert info.value.failure() is not None
    assert practice_server.state.count("GET", DOWNLOAD) == 6
    # the next attempt is whole
    with page.expect_download() as info:
        page.click("a.btn-large")
    assert info.value.failure() is None
    with zipfile.ZipFile(info.value.path()) as zf:
        assert zf.testzip() is None


def test_one_cut_download_is_resumed_by_chromium_itself(open_page, server_url, practice_server):
    practice_server.state.faults.add("GET", DOWNLOAD, "cut_download", after_bytes=20_000, times=1)
    page = open_page("en")
    login(page, server_url, "teacher", via_form=False)
    open_backup_form(page, server_url, "DEMO101")
    submit_full_backup(page)
    with page.expect_download() as info:
        page.click("a.btn-large")
    assert info.value.failure() is None
    assert practice_server.state.count("GET", DOWNLOAD) == 2
    with zipfile.ZipFile(info.value.path()) as zf:
        assert zf.testzip() is None


def test_expire_session_makes_the_request_anonymous(open_page, server_url, practice_server):
    practice_server.state.faults.add("GET", "/main/course_info/maintenance.php", "expire_session")
    page = open_page("en")
    login(page, server_url, "teacher", via_form=False)
    page.goto(f"{server_url}/main/course_info/maintenance.php?cidReq=DEMO101")
    assert page.locator("div.alert.alert-danger").count() == 1
    assert page.locator("form#formLogin").count() == 1
    page.goto(f"{server_url}/user_portal.php")  # the old session is gone for good
    assert page.locator("form#formLogin").count() == 1


def test_token_mismatch_shows_the_form_again(open_page, server_url, practice_server):
    practice_server.state.faults.add("POST", BACKUP, "token_mismatch")
    page = open_page("en")
    login(page, server_url, "teacher", via_form=False)
    open_backup_form(page, server_url, "DEMO101")
    submit_full_backup(page)
    assert page.locator("form#create_backup_form").count() == 1
    submit_full_backup(page)
    assert page.locator("a.btn-large").count() == 1


def damaged_members(data: bytes) -> list[str]:
    """The members of a zip whose bytes do not read back (CRC or deflate error)."""
    damaged = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            try:
                zf.read(name)
            except (zipfile.BadZipFile, zlib.error):
                damaged.append(name)
    return damaged


def test_delay_blank_and_empty_download(open_page, server_url, practice_server):
    st = practice_server.state
    slow = "/main/link/link.php"  # a page no other test counts: the held request is logged late
    st.faults.add("GET", slow, "delay", seconds=5)
    page = open_page("en")
    with pytest.raises(PlaywrightTimeout):  # held by the server: nothing within the client's 0.5 s
        page.request.get(f"{server_url}{slow}", timeout=500)
    assert page.goto(f"{server_url}{slow}").status == 200  # times=1: the next one is served at once
    st.faults.add("GET", "/user_portal.php", "blank")
    resp = page.goto(f"{server_url}/user_portal.php")
    assert resp.status == 200 and page.locator("body").inner_text().strip() == ""
    login(page, server_url, "teacher", via_form=False)
    open_backup_form(page, server_url, "DEMO101")
    submit_full_backup(page)
    href = page.locator("a.btn-large").get_attribute("href")
    st.faults.add("GET", DOWNLOAD, "empty_download")
    resp = page.request.get(href)
    assert resp.status == 200 and resp.body() == b""


def test_drip_and_corrupt_zip(open_page, server_url, practice_server):
    page = open_page("en")
    login(page, server_url, "teacher", via_form=False)
    open_backup_form(page, server_url, "DEMO101")
    submit_full_backup(page)
    href = page.locator("a.btn-large").get_attribute("href")
    good = page.request.get(href).body()
    practice_server.state.faults.add("GET", DOWNLOAD, "corrupt_zip")
    bad = page.request.get(href).body()
    assert len(bad) == len(good) and bad != good
    assert damaged_members(good) == []
    assert "course_info.dat" in damaged_members(bad)
    size = len(page.request.get(f"{server_url}/index.php").body())
    assert size > 2_000  # so that dripping it at 1 kB/s takes more than the 0.5 s below
    practice_server.state.faults.add("GET", "/index.php", "drip", bytes_per_sec=1_000)
    with pytest.raises(PlaywrightTimeout):
        page.request.get(f"{server_url}/index.php", timeout=500)
    practice_server.state.faults.add("GET", "/index.php", "drip", bytes_per_sec=20_000)
    resp = page.request.get(f"{server_url}/index.php")
    assert resp.ok and len(resp.body()) == size

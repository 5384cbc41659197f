"""The ``call`` fault and tests/browser_kill.py: a request that reaches the practice Chamilo kills
the real Chromium that sent it, and Playwright reports the browser as gone."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from tests.browser_kill import browser_pids, descendants, in_own_thread, kill_browser
from tests.conftest import CHROMIUM_ARGS, chromium_executable


def test_call_fault_kills_the_browser_during_the_request(practice_server, server_url):
    st = practice_server.state
    shared = browser_pids()  # a browser other tests of this worker share stays alive
    killed: list[int] = []
    st.faults.add("GET", "/user_portal.php", "call", fn=lambda: killed.append(kill_browser(exclude=shared)))

    def scenario():
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_executable(pw), headless=True, args=CHROMIUM_ARGS)
            ours = [pid for pid in browser_pids() if pid not in shared]
            page = browser.new_page()
            page.goto(f"{server_url}/index.php")  # the browser works
            try:
                page.goto(f"{server_url}/user_portal.php", timeout=30_000)
            except PlaywrightError as exc:
                return ours, exc, browser.is_connected()
            return ours, None, browser.is_connected()

    ours, error, connected = in_own_thread(scenario)
    assert len(ours) == 1 and killed == ours
    assert error is not None and "Target page, context or browser has been closed" in str(error)
    assert not connected
    assert st.count("GET", "/user_portal.php") == 1  # the request was there; the handler still ran
    assert not [pid for pid in browser_pids() if pid in ours]


def test_call_fault_answer_replaces_the_page_and_is_python_only(practice_server):
    st = practice_server.state
    calls: list[str] = []
    st.faults.add("GET", "/index.php", "call", fn=lambda: calls.append("in") or None)  # None: page as usual
    st.faults.add("GET", "/user_portal.php", "call", fn=lambda: ("answered by the test", 418))
    client = practice_server.app.test_client()
    assert client.get("/index.php").status_code == 200 and calls == ["in"]
    answer = client.get("/user_portal.php")
    assert (answer.status_code, answer.get_data(as_text=True)) == (418, "answered by the test")
    with pytest.raises(ValueError, match="Python callable"):
        st.faults.add_spec("GET /index.php call fn=print")
    with pytest.raises(ValueError, match="callable"):
        st.faults.add("GET", "/index.php", "call", fn="print")


def test_kill_browser_finds_the_browser_of_a_subprocess(tmp_path):
    """A robot run as a process: its Chromium is found among that process's descendants."""
    script = tmp_path / "hold_a_browser.py"
    script.write_text(
        "import sys, time\n"
        "from playwright.sync_api import sync_playwright\n"
        "with sync_playwright() as pw:\n"
        f"    b = pw.chromium.launch(executable_path={chromium_executable()!r}, args={CHROMIUM_ARGS!r})\n"
        "    b.new_page()\n"
        "    print('ready', flush=True)\n"
        "    try:\n"
        "        time.sleep(60)\n"
        "    finally:\n"
        "        print('connected' if b.is_connected() else 'gone', flush=True)\n")
    child = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        found = browser_pids(child.pid)
        assert len(found) == 1 and found[0] in descendants(child.pid)
        assert kill_browser(child.pid) == found[0]
        deadline = time.monotonic() + 30
        while browser_pids(child.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert browser_pids(child.pid) == []
        with pytest.raises(LookupError):
            kill_browser(child.pid)
    finally:
        child.kill()
        child.wait(30)

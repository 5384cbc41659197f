"""Browsers kept warm between runs (robot.engine.browser.WarmHosts: the test suite's robot thread,
any program running many commands in one process; a campaign worker's host between two courses is
the same case): a run on a host whose Chromium died since the last run gets a new Chromium, and
nothing of one run — cookies, downloads — is there for the next. Real Chromium, no robot run."""
from __future__ import annotations

import os

from robot.engine.browser import BrowserSession, ContextSpec, LaunchSpec, WarmHosts
from tests.browser_kill import browser_pids, in_own_thread, kill_browser

EMPTY_ZIP = "data:application/zip;base64,UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA=="


def test_a_warm_host_whose_browser_died_between_runs_starts_a_new_one_and_keeps_nothing():
    shared = browser_pids()  # browsers other tests of this process share stay alive

    def scenario() -> dict:  # in a thread of its own: pytest-playwright may hold the main thread's driver
        box: dict = {}
        hosts = WarmHosts()
        try:
            spec = LaunchSpec(executable=None)
            host = hosts.host_for(spec)
            first = BrowserSession.open(host, ContextSpec(lang="en"))
            first.context.add_cookies([{"name": "ch_sid", "value": "run-one", "url": "http://chamilo.test/"}])
            first.page.set_content(f'<a id="get" href="{EMPTY_ZIP}" download="x.zip">Download</a>')
            with first.page.expect_download() as info:
                first.page.click("#get")
            info.value.path()  # arrived in the pool's downloads folder, not kept by this "run"
            first.close_context()
            box["left_after_first"] = os.listdir(hosts._downloads)

            kill_browser(exclude=shared)  # between two runs: the out-of-memory killer, a crash
            box["same_host"] = hosts.host_for(spec) is host  # the same warm host, which does not know yet
            second = BrowserSession.open(host, ContextSpec(lang="en"))  # was: TargetClosedError, a bug exit
            box["launches"], box["alive"] = host.launches, host.alive
            box["cookies"] = second.context.cookies()
            second.page.set_content("<p>next run</p>")
            box["text"] = second.page.inner_text("p")
            second.close_context()
        finally:
            hosts.close()
        return box

    box = in_own_thread(scenario)
    assert box["left_after_first"] == []  # a download not kept leaves with its run
    assert box["same_host"] and box["launches"] == 2 and box["alive"]
    assert box["cookies"] == [] and box["text"] == "next run"

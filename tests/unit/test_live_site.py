"""Issue 18's pieces without a browser: the site-wide lock of Step.exclusive (robot/locks.SiteWork),
the interruptible waits between attempts, the campaign's counts and its report names."""
from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest

from robot.campaign.progress import Progress
from robot.campaign.report import default_stem
from robot.engine.steps import interruptible_sleep
from robot.errors import Interrupted
from robot.locks import SiteWork

SITE = "https://chamilo.univ.example"


def test_site_work_is_held_by_one_run_at_a_time_and_a_waiter_can_be_stopped(tmp_path):
    """Two runs of one process (a campaign's workers) and a run with a SiteWork of its own (another
    command line) wait for each other on one site; another site or another work does not wait; a
    waiter whose stop is set leaves with Interrupted; once released, the next one gets it."""
    first, second = SiteWork(SITE, tmp_path, poll=0.02), SiteWork(SITE, tmp_path, poll=0.02)
    first.acquire("course-archiver")
    assert "(pid " in first.path("course-archiver").read_text()  # names its holder
    elsewhere = SiteWork(SITE + "/other", tmp_path)
    elsewhere.acquire("course-archiver")  # another site: not waited for
    elsewhere.release("course-archiver")
    second.acquire("import")  # another work: not waited for
    second.release("import")
    stop = threading.Event()
    threading.Timer(0.1, stop.set).start()
    with pytest.raises(Interrupted):
        second.acquire("course-archiver", stop)  # waits (the first holds it) until stopped
    got = threading.Event()
    waiter = threading.Thread(target=lambda: (second.acquire("course-archiver"), got.set()))
    waiter.start()
    assert not got.wait(0.2)  # still held by the first
    first.release("course-archiver")
    assert got.wait(10)
    waiter.join()
    second.release("course-archiver")
    second.release("course-archiver")  # releasing what is not held is harmless


def test_the_wait_before_the_next_attempt_ends_when_a_stop_is_asked():
    stop = threading.Event()
    sleep = interruptible_sleep(stop, "submit_backup")
    sleep(0.01)  # nothing asked: an ordinary wait
    threading.Timer(0.05, stop.set).start()
    with pytest.raises(Interrupted, match="submit_backup"):
        sleep(60)  # interrupted long before its end (else the test would wait a minute and fail)
    with pytest.raises(Interrupted):
        sleep(60)  # asked already: at once


def test_the_counts_say_what_the_lines_said():
    out = io.StringIO()
    progress = Progress(4, 2, out, live=False)
    progress.command_done("w1", "FAC001", "backup", 3.0)
    progress.course_finished("w1", "FAC001", "ok")
    progress.command_failed("w2", "FAC002", "backup", "the server answered HTTP 500")
    progress.course_finished("w2", "FAC002", "failed")
    progress.course_finished("w1", "FAC003", "interrupted")
    assert "2/4 courses finished: 1 done, 1 failed, 1 interrupted, 1 left" in progress.overall()
    assert "FAILED" in out.getvalue() and "1 failed, 1 interrupted" in out.getvalue().splitlines()[-1]


def test_reports_are_named_after_the_plan_and_the_shard(tmp_path):
    plan = tmp_path / "faculty.csv"
    assert default_stem(tmp_path / "faculty.journal.sqlite", plan) == tmp_path / "faculty-report"
    assert default_stem(Path("/data/j0.db"), plan, (1, 3)) == Path("/data/faculty-shard-1-of-3-report")

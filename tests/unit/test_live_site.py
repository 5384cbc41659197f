"""Issue 18's pieces without a browser: the site-wide lock of Step.exclusive (robot/locks.SiteWork),
the interruptible waits between attempts, the campaign's counts and its report names."""
from __future__ import annotations

import io
import shutil
import threading
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from flows import backup as backup_flow
from robot.campaign.progress import Progress
from robot.campaign.report import default_stem
from robot.engine.steps import interruptible_sleep
from robot.errors import Interrupted, TransientError, VerificationError
from robot.locks import SiteWork

SITE = "https://chamilo.univ.example"
SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "chamilo" / "samples" / "3_ALPHA_20261128-195148.zip"


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


@pytest.mark.skipif(not SAMPLE.is_file(), reason="../shared/chamilo is absent")
def test_a_zip_cut_short_is_made_again_a_zip_of_another_course_is_not(tmp_path):
    """The verify step: a zip whose bytes are broken (as a build another backup broke leaves it) asks
    for a new backup (a transient error of its own kind); a whole zip of another course is final."""
    def check(course: str, cut: bool, without_course_info: bool = False) -> SimpleNamespace:
        part = tmp_path / f"{course}.zip.part"
        shutil.copyfile(SAMPLE, part)
        if cut:
            with open(part, "r+b") as fh:
                fh.truncate(part.stat().st_size // 2)
        if without_course_info:  # a whole zip of what was copied after the folder went (§17, during the copy)
            with zipfile.ZipFile(SAMPLE) as src, zipfile.ZipFile(part, "w") as dst:
                for info in src.infolist():
                    if info.filename != "course_info.dat":
                        dst.writestr(info, src.read(info))
        ctx = SimpleNamespace(data={"part_path": part, "final_path": tmp_path / f"{course}.zip"}, progress=None,
                              params=SimpleNamespace(course=course, max_course_info=64 * 1024 * 1024))
        backup_flow.verify_and_keep.action(ctx)
        return ctx

    with pytest.raises(TransientError) as broken:
        check("ALPHA", cut=True)
    assert broken.value.kind == backup_flow.BROKEN_ZIP and not (tmp_path / "ALPHA.zip.part").exists()
    with pytest.raises(TransientError, match="no course_info.dat") as broken:
        check("ALPHA", cut=False, without_course_info=True)
    assert broken.value.kind == backup_flow.BROKEN_ZIP and not (tmp_path / "ALPHA.zip.part").exists()
    with pytest.raises(VerificationError, match="a backup of course 'ALPHA', not 'BETA'"):
        check("BETA", cut=False)
    assert not (tmp_path / "BETA.zip.part").exists() and not (tmp_path / "BETA.zip").exists()
    kept = check("ALPHA", cut=False)
    assert kept.data["backup"].path == tmp_path / "ALPHA.zip" and (tmp_path / "ALPHA.zip").is_file()


HOLDER = """
import sys
from pathlib import Path
from robot.locks import SiteWork
work = SiteWork(sys.argv[1], Path(sys.argv[2]), holder="robot backup-FAC009")
work.acquire("course-archiver")
print("held", flush=True)
sys.stdin.readline()  # until the test says so
work.release("course-archiver")
print("released", flush=True)
"""


def test_site_work_is_shared_by_the_robots_of_the_machine(tmp_path, caplog):
    """Another robot process (another command line, another shard) holding the site's work: this one
    waits, names the holder, can be stopped meanwhile, and gets it once the other lets go."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    other = subprocess.Popen([sys.executable, "-c", HOLDER, SITE, str(tmp_path)], cwd=root, text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert other.stdout.readline().strip() == "held"
        mine = SiteWork(SITE, tmp_path, poll=0.02)
        stop = threading.Event()
        threading.Timer(0.3, stop.set).start()
        with caplog.at_level("WARNING", logger="robot"), pytest.raises(Interrupted):
            mine.acquire("course-archiver", stop)  # held by the other process all along
        assert "robot backup-FAC009 (pid " in caplog.text
        mine.acquire("import")  # another work of the site: not waited for
        mine.release("import")
        other.stdin.write("\n")
        other.stdin.flush()
        assert other.stdout.readline().strip() == "released"
        mine.acquire("course-archiver")  # the other let go: this one gets it at once
        mine.release("course-archiver")
    finally:
        other.kill()
        other.wait()


def test_a_command_line_downloads_into_a_folder_of_its_own(tmp_path, monkeypatch):
    """Robots of one machine writing to one folder (a campaign and a `robot backup`, two command
    lines): each run's browser downloads into a folder of its own under `<out>/.robot-downloads`,
    and removes only that one — a run that removed the whole `.robot-downloads` broke the download
    another robot's browser was streaming there."""
    from robot.commands.run import common

    shared = tmp_path / "backups" / ".robot-downloads"
    campaign = shared / "campaign-4242" / "w1"
    campaign.mkdir(parents=True)
    (campaign / "3f2a-being-downloaded").write_bytes(b"PK\x03\x04 half a zip")
    used: list[Path] = []

    def browser_run(config, steps, params, run_name, **engine):  # what the browser does with the folder
        folder = engine["downloads_dir"]
        folder.mkdir(parents=True)
        (folder / "9c1d-its-own-download").write_bytes(b"PK")
        used.append(folder)
        return "outcome"

    monkeypatch.setattr(common, "run_steps", browser_run)
    plan = common.CommandPlan("backup", "FAC001", [], SimpleNamespace(), lambda o: None, downloads=shared)
    assert common.execute_plan(SimpleNamespace(), plan) == "outcome"
    assert used[0].parent == shared and not used[0].exists()
    assert (campaign / "3f2a-being-downloaded").read_bytes() == b"PK\x03\x04 half a zip"  # the other robot's
    shutil.rmtree(shared / "campaign-4242")
    common.execute_plan(SimpleNamespace(), plan)
    assert used[1] != used[0] and not shared.exists()  # nobody else there: .robot-downloads goes too

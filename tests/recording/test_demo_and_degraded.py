"""Recording when Playwright's ffmpeg is missing, a failed run's recording, a re-login, a headed
run's PDF. `robot demo backup` (pause, ROBOT_RECORDINGS): the French demo of test_recorded_backup.py."""
from __future__ import annotations

import json

import robot.engine.browser as browser
from tests.robot_run import run_robot

from .conftest import env_for, only_folder
from .helpers import vtt_cues

PRODUCTS = ("trace.zip", "video.vtt", "guide.html", "guide.pdf", "run.json")


def test_without_ffmpeg_everything_but_the_video_and_a_message_naming_the_fix(practice_server, tmp_path,
                                                                               monkeypatch):
    monkeypatch.setattr(browser, "ffmpeg_for_playwright", lambda: None)
    result = run_robot(["backup", "--course", "DEMO101", "--record"], env_for(practice_server.url, tmp_path))
    assert result.code == 0, result
    assert "ffmpeg" in result.stderr and "scripts/setup.sh" in result.stderr
    folder = only_folder(tmp_path / "recordings")
    assert not (folder / "video.webm").exists() and not (folder / ".video").exists()
    for name in PRODUCTS:
        assert (folder / name).is_file(), name
    doc = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    assert doc["video"]["available"] is False and "scripts/setup.sh" in doc["video"]["note"]
    assert len(list((folder / "steps").glob("*.png"))) == len(doc["steps"]) == 10
    assert "<video" not in (folder / "guide.html").read_text(encoding="utf-8")


def test_a_failed_run_still_leaves_its_recording(practice_server, tmp_path):
    practice_server.state.faults.add("POST", "/main/coursecopy/create_backup.php", "status", code=500, times=10)
    env = env_for(practice_server.url, tmp_path)
    env["ROBOT_ATTEMPTS"] = "1"
    result = run_robot(["backup", "--course", "DEMO101", "--record"], env)
    assert result.code == 4, result
    folder = only_folder(tmp_path / "recordings")
    doc = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    assert doc["outcome"] == "failed" and doc["error"]
    assert doc["steps"][-1]["name"] == "submit_backup" and doc["steps"][-1]["status"] == "failed"
    assert (folder / "steps" / f"{len(doc['steps']):02d}-submit_backup.png").is_file()
    for name in PRODUCTS + ("video.webm",):
        assert (folder / name).is_file(), name
    assert len(vtt_cues(folder / "video.vtt")) == len(doc["steps"])


def test_a_relogin_mid_run_keeps_the_password_out_of_the_recording(practice_server, tmp_path):
    from .conftest import UNUSUAL_PASSWORD
    from .helpers import files_containing

    practice_server.state.set_password("teacher", UNUSUAL_PASSWORD)
    practice_server.state.faults.add("GET", "/main/course_info/maintenance.php", "expire_session")
    result = run_robot(["-v", "backup", "--course", "DEMO101", "--record"],
                       env_for(practice_server.url, tmp_path, UNUSUAL_PASSWORD))
    assert result.code == 0, result
    assert UNUSUAL_PASSWORD not in result.stdout + result.stderr  # the debug log of the re-login too
    assert practice_server.state.count("POST", "/index.php") == 2  # logged in again once
    folder = only_folder(tmp_path / "recordings")
    assert (folder / "trace.zip").is_file() and (folder / "trace-part1.zip").is_file()  # before / after
    # a chunked trace would hold the re-login POST's body in its network log: TraceKeeper stops fully
    assert files_containing(folder, UNUSUAL_PASSWORD.encode()) == []


def test_the_pdf_of_a_headed_run_is_printed_by_a_headless_browser(tmp_path):
    """page.pdf() needs headless Chromium: a headed run prints its guide in a headless one."""
    import threading
    from types import SimpleNamespace

    from playwright.sync_api import sync_playwright

    from robot.engine.guide import write_html
    from robot.engine.recording import RecordOptions, Recorder
    from robot.engine.run import RunSettings

    from .helpers import pdf_pages

    rec = Recorder(RecordOptions(parent=tmp_path, name="backup-X"))
    rec.folder.mkdir(parents=True)
    steps = [{"index": i, "name": f"s{i}", "caption": f"Step {i}", "label": "", "screenshot": "", "status": "ok"}
             for i in (1, 2, 3)]
    write_html(rec.folder / "guide.html", lang="en", meta={"title": "T"}, steps=steps, video=None, subtitles=None)
    rec.settings = RunSettings(headed=True)
    box = {}

    def target():  # Playwright's sync API: one per thread
        try:
            with sync_playwright() as pw:
                box["pdf"] = rec._print_pdf(SimpleNamespace(playwright=pw, browser=None))
        except BaseException as exc:  # noqa: BLE001 - raised below
            box["exc"] = exc

    t = threading.Thread(target=target)
    t.start()
    t.join()
    assert "exc" not in box, box.get("exc")
    assert pdf_pages(box["pdf"]) >= 3

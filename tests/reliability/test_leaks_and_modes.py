"""The smaller leaks a security review found (issue 22), each shown on a real run: `--traceback` of
a failed password fill, a server page echoing the login POST (its failure page and screenshot), the
environment of the browser and its driver (read from /proc while the robot works), Chromium's
sandbox, the modes of a backup and of the folders the robot creates."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from tests.browser_kill import _cmdline, descendants
from tests.recording.helpers import count_color
from tests.robot_run import run_robot

CANARY = "Zq7-canary-Pw!9x"
CANARY_FORMS = (CANARY, CANARY.replace("!", "%21"), CANARY.replace("!", "\\u0021"))
# A password with the characters Python's quote() and a browser's form encoding write differently
# ("~" is %7E in a form's body, "*" stays as it is): the echoed raw body shows the browser's form.
ODD_CANARY = "Zq7~canary*Pw!9x"
ODD_CANARY_FORMS = (ODD_CANARY, "Zq7%7Ecanary*Pw%219x", "Zq7~canary%2APw%219x")
MASK_COLOR = (255, 0, 255)  # Playwright's screenshot mask (#FF00FF)
ROBOT = str(Path(sys.executable).with_name("robot"))


def _leaks(root: Path, forms: tuple[str, ...] = CANARY_FORMS) -> list[str]:
    """Files under ``root`` holding the password in any of its usual forms."""
    return [str(p) for p in root.rglob("*") if p.is_file() and any(f.encode() in p.read_bytes() for f in forms)]


def test_traceback_of_a_failing_password_fill_is_redacted(practice_server, robot_env, tmp_path):
    """The password field is read-only: Playwright's fill times out and its message quotes
    ``fill("<the password>")``; `--traceback` prints the whole chain, through the redactor."""
    practice_server.state.set_password("teacher", CANARY)
    practice_server.state.faults.add("GET", "/index.php", "password_readonly", times=10)
    env = {**robot_env, "CHAMILO_PASSWORD": CANARY, "ROBOT_STEP_TIMEOUT": "2"}
    result = run_robot(["--traceback", "backup", "--course", "DEMO101", "--attempts", "1"], env)
    assert result.code == 4, result
    assert "Traceback (most recent call last)" in result.stderr and "Locator.fill" in result.stderr
    assert 'fill("<redacted>")' in result.stderr  # the call log was there, and cleaned
    assert not [f for f in CANARY_FORMS if f in result.stderr + result.stdout]
    assert _leaks(tmp_path) == []
    assert practice_server.state.count("POST", "/index.php") == 0


def test_a_page_echoing_the_login_post_leaves_no_password_in_the_failure_page(practice_server, robot_env, tmp_path):
    """The login POST is answered by a debug error page listing the posted fields (500): the failure
    page is saved with `<redacted>` where the password was (raw, and URL-encoded as the browser
    encodes a form: a password with "~" and "*"), and the screenshot was taken with those spots
    masked. Recorded (--record): the video, which filmed that page before
    it was cleaned, is not kept."""
    practice_server.state.set_password("teacher", ODD_CANARY)
    practice_server.state.faults.add("POST", "/index.php", "echo_post", times=5)
    result = run_robot(["backup", "--course", "DEMO101", "--attempts", "1", "--record", str(tmp_path / "demo")],
                       {**robot_env, "CHAMILO_PASSWORD": ODD_CANARY})
    assert result.code == 4, result
    [recording] = (tmp_path / "demo").iterdir()
    doc = json.loads((recording / "run.json").read_text(encoding="utf-8"))
    assert doc["steps"][-1]["name"] == "submit_login" and doc["video"]["available"] is False
    assert "may show the password" in doc["video"]["note"] and not list(recording.rglob("*.webm"))
    [page] = (tmp_path / "recordings" / "failures").rglob("03-submit_login.html")
    html = page.read_text()
    assert "Whoops! There was an error." in html and "<th>login</th><td>teacher</td>" in html  # the echo page
    assert html.count("&lt;redacted&gt;") >= 2  # the password field's row and the raw body
    assert "password=&lt;redacted&gt;" in html  # the raw body as the browser encoded it ("~" as %7E)
    assert _leaks(tmp_path, ODD_CANARY_FORMS) == []
    shot = page.with_suffix(".png")
    assert count_color(shot, MASK_COLOR) > 200  # the redacted spots are masked in the picture too
    # the page of the site (learners' names, an echoed form) sits in folders the robot made private
    assert [stat.S_IMODE(p.stat().st_mode) for p in (page.parent, page.parent.parent)] == [0o700, 0o700]


def test_browser_and_driver_never_see_the_password_and_backups_are_private(practice_server, tmp_path):
    """A real robot process (its environment holds CHAMILO_PASSWORD): while it works, no process it
    started (Playwright's driver, Chromium and its children) has the password in its environment;
    Chromium keeps its sandbox unless the robot is root. Its backup is 0600 in a folder it made
    0700; the folder that was there already keeps its mode."""
    existing = tmp_path / "shared"
    existing.mkdir(mode=0o755)
    existing.chmod(0o755)
    out = existing / "backups"
    seen: dict[int, tuple[list[str], bool]] = {}
    robot: dict[str, subprocess.Popen] = {}

    def read_environments() -> None:
        for pid in [robot["proc"].pid, *descendants(robot["proc"].pid)]:
            try:
                environ = Path(f"/proc/{pid}/environ").read_bytes()
            except OSError:
                continue
            seen[pid] = (_cmdline(pid), b"CHAMILO_PASSWORD=" in environ or CANARY.encode() in environ)

    practice_server.state.set_password("teacher", CANARY)
    practice_server.state.faults.add("GET", "/main/course_info/maintenance.php", "call", fn=read_environments)
    env = {**os.environ, "CHAMILO_URL": practice_server.url, "CHAMILO_USERNAME": "teacher",
           "CHAMILO_PASSWORD": CANARY, "ROBOT_OUT": str(out), "ROBOT_RECORDINGS": str(tmp_path / "recordings"),
           "ROBOT_LOCK_DIR": str(tmp_path / "locks"), "ROBOT_STEP_TIMEOUT": "15"}
    robot["proc"] = subprocess.Popen([ROBOT, "backup", "--course", "DEMO101"], cwd=tmp_path, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdout, stderr = robot["proc"].communicate(timeout=240)
    assert robot["proc"].returncode == 0, stderr.decode()[-2000:]
    assert seen.pop(robot["proc"].pid)[1]  # the robot's own environment holds it: the test reads the right thing
    drivers = [pid for pid, (cmd, _) in seen.items() if any(part.endswith(("node", "cli.js")) for part in cmd)]
    browsers = [pid for pid, (cmd, _) in seen.items() if "--remote-debugging-pipe" in cmd]
    assert drivers and browsers, seen  # the driver and Chromium were there to be read
    assert [(cmd[:1], leak) for cmd, leak in seen.values() if leak] == []
    sandboxed = ["--no-sandbox" not in seen[pid][0] for pid in browsers]
    assert sandboxed == [os.geteuid() != 0] * len(browsers)  # root: off (Chromium refuses it); else kept
    [backup] = out.glob("DEMO101_*.zip")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(out.stat().st_mode) == 0o700  # made by the robot
    assert stat.S_IMODE(existing.stat().st_mode) == 0o755  # the user's: untouched
    assert not (out / ".robot-downloads").exists()
    assert CANARY.encode() not in stdout + stderr


def test_the_failed_page_is_cleared_in_its_frames_and_shadow_roots(open_page):
    """The password echoed inside an iframe or an open shadow root (both drawn in the screenshot)
    is replaced there too, not only in the document's own text."""
    from robot.engine.failure_page import redact_page

    page = open_page()
    page.set_content(f"<p>top {CANARY}</p><div id='host'></div><iframe></iframe>")
    page.evaluate("""([secret, encoded]) => {
        const root = document.getElementById('host').attachShadow({mode: 'open'});
        root.innerHTML = '<p>shadow ' + secret + '</p><input value="' + secret + '">';
        document.querySelector('iframe').contentDocument.body.innerHTML = '<p>password=' + encoded + '</p>';
    }""", [CANARY, ODD_CANARY.replace("~", "%7E").replace("!", "%21")])
    assert redact_page(page, [CANARY, ODD_CANARY]) == 4
    seen = [page.inner_text("body"), page.locator("#host p").inner_text(), page.locator("#host input").input_value(),
            page.frames[1].inner_text("body")]
    assert not [text for text in seen if any(form in text for form in CANARY_FORMS + ODD_CANARY_FORMS)], seen
    assert "password=<redacted>" in seen[3] and "shadow <redacted>" in seen[1]

"""The robot signing in the way universities do (issue 14): `robot login` through a real CAS server
(django-mama-cas over TLS, its CA given as ROBOT_CA_BUNDLE), a saved session reused by later
commands, what expiry does in each login mode, and no password or cookie value in anything a run
leaves. Real Chromium, the practice Chamilo as the CAS client; the robot runs as in tests/robot_run.py."""
from __future__ import annotations

import io
import json
import os
import re
import stat
import threading
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest

from flows.archive import verify_backup
from tests.robot_run import run_robot

CANARY = "Zq7-canary-Pw!9x"
COURSE_PAGE = "/main/course_info/maintenance.php?cidReq=DEMO101"


@pytest.fixture
def server_sessions(practice_server, monkeypatch) -> dict[str, dict]:
    """Every session the practice Chamilo creates during the test: id (the ch_sid cookie value) → data."""
    made: dict[str, dict] = {}
    store = practice_server.state.sessions
    original = store.new

    def recording_new(data=None, sid=None):
        sid, session = original(data, sid)
        made[sid] = session
        return sid, session

    monkeypatch.setattr(store, "new", recording_new)
    return made


def robot_env(server, tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {"CHAMILO_URL": server.url, "CHAMILO_USERNAME": "teacher", "ROBOT_OUT": str(tmp_path / "backups"),
           "ROBOT_RECORDINGS": str(tmp_path / "recordings"), "ROBOT_LOCK_DIR": str(tmp_path / "locks"),
           "ROBOT_STEP_TIMEOUT": "15", "XDG_STATE_HOME": str(tmp_path / "state"), "PATH": "/usr/bin:/bin"}
    env.update(extra)
    return env


def session_file(tmp_path: Path) -> Path:
    found = list((tmp_path / "state" / "chamilo-robot" / "sessions").glob("*.json"))
    assert len(found) == 1, found
    return found[0]


def cookies_of(path: Path) -> dict[str, str]:
    return {c["name"]: c["value"] for c in json.loads(path.read_text())["cookies"]}


def hits(data: bytes, needles: list[str], name: str) -> list[str]:
    """Where any needle occurs in ``data``, zips searched inside (a trace unzipped)."""
    found = [f"{name}: {n[:6]}…" for n in needles if n.encode() in data or n.encode("utf-16-le") in data]
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for entry in zf.namelist():
                found += hits(zf.read(entry), needles, f"{name}!{entry}")
    return found


def hits_under(root: Path, needles: list[str]) -> list[str]:
    found: list[str] = []
    for path in sorted(root.rglob("*")):
        if path.is_file():
            found += hits(path.read_bytes(), needles, str(path.relative_to(root)))
    return found


def browser_requests(server, since: int = 0) -> list[tuple[str, str, int]]:
    """The practice Chamilo's request log, less the HEAD the robot's TLS check sends (robot/tls.py:
    where does the site send browsers, whose certificate to trust)."""
    return [r for r in server.state.requests[since:] if r[0] != "HEAD"]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def opens_course_page(server, sid: str) -> bool:
    """Does the cookie ``ch_sid=sid`` still open the teacher's course maintenance page (a redirect,
    to the CAS server or the login page, is a no)?"""
    request = urllib.request.Request(server.url + COURSE_PAGE, headers={"Cookie": f"ch_sid={sid}"})
    try:
        with urllib.request.build_opener(_NoRedirect).open(request, timeout=10) as resp:
            page = resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError:
        return False
    return "logout=logout" in page and "create_backup.php" in page


def test_sso_login_saves_a_private_session_that_later_commands_use_until_it_expires(
        cas_chamilo, cas_server, server_sessions, tmp_path):
    cas_server.set_password("teacher", CANARY)
    sso = robot_env(cas_chamilo, tmp_path, CHAMILO_LOGIN="sso", CHAMILO_PASSWORD=CANARY,
                    ROBOT_CA_BUNDLE=str(cas_server.ca_bundle))
    session_only = {k: v for k, v in sso.items() if k != "CHAMILO_PASSWORD"} | {"CHAMILO_LOGIN": "session"}
    logs: list[str] = []

    # robot login, headless, through the CAS form: a private file with cookies, no password
    result = run_robot(["-v", "login"], sso)
    logs += [result.stdout, result.stderr]
    assert result.code == 0, result
    saved = session_file(tmp_path)
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert stat.S_IMODE(saved.parent.stat().st_mode) == 0o700
    assert CANARY.encode() not in saved.read_bytes()
    first = cookies_of(saved)
    assert {"ch_sid", "CASTGC"} <= set(first) and opens_course_page(cas_chamilo, first["ch_sid"])
    assert cas_server.logins("teacher") == 1

    # robot backup with the saved session only, no password anywhere: a verified zip; recorded,
    # and no cookie value in any byte of the recording (its trace unzipped)
    result = run_robot(["-v", "backup", "--course", "DEMO101", "--record", "--json"], session_only)
    logs += [result.stdout, result.stderr]
    assert result.code == 0, result
    report = result.json()
    assert verify_backup(Path(report["path"]), "DEMO101").sha256 == report["sha256"]
    assert cas_server.logins("teacher") == 1  # no password typed anywhere
    recording = tmp_path / "recordings"
    assert list(recording.rglob("trace.zip")), "the recording must have a trace to search"
    refreshed = cookies_of(saved)
    cookie_values = sorted({*first.values(), *refreshed.values(), *server_sessions})
    assert hits_under(recording, cookie_values) == []
    assert opens_course_page(cas_chamilo, refreshed["ch_sid"]), "a run from a saved session keeps it alive"

    # both sessions expired on the servers: with `session`, exit 2 at the first page, nothing clicked
    cas_chamilo.state.sessions.clear()
    cas_server.end_sso_sessions()
    seen = len(cas_chamilo.state.requests)
    result = run_robot(["backup", "--course", "DEMO101"], session_only)
    logs += [result.stdout, result.stderr]
    assert result.code == 2, result
    assert "the saved session has expired: run `robot login`" in result.stderr
    assert browser_requests(cas_chamilo, seen) == [("GET", "/index.php", 302)]  # the first page, nothing else

    # with `sso`, the run signs in again on the CAS form, finishes, and refreshes the saved session
    result = run_robot(["-v", "backup", "--course", "DEMO101", "--json"], sso)
    logs += [result.stdout, result.stderr]
    assert result.code == 0, result
    assert verify_backup(Path(result.json()["path"]), "DEMO101")
    assert cas_server.logins("teacher") == 2
    again = cookies_of(saved)
    assert again["ch_sid"] != refreshed["ch_sid"] and opens_course_page(cas_chamilo, again["ch_sid"])

    # robot logout: the site session ends, the file goes
    result = run_robot(["logout", "--json"], session_only)
    assert result.code == 0 and result.json()["signed_out"] is True, result
    assert not saved.exists() and not opens_course_page(cas_chamilo, again["ch_sid"])

    # the password: in no log, no file the runs left (backups, recordings, session state)
    assert not [text for text in logs if CANARY in text]
    assert hits_under(tmp_path, [CANARY]) == []


def test_form_login_on_a_site_that_forces_single_sign_on_says_how_to_sign_in(cas_chamilo, cas_server, tmp_path):
    env = robot_env(cas_chamilo, tmp_path, CHAMILO_PASSWORD="teacher", ROBOT_CA_BUNDLE=str(cas_server.ca_bundle))
    result = run_robot(["backup", "--course", "DEMO101"], env)
    assert result.code == 2, result
    assert "--login sso" in result.stderr and "robot login" in result.stderr
    assert "retrying" not in result.stderr
    assert browser_requests(cas_chamilo) == [("GET", "/index.php", 302)]  # the first page, one attempt
    assert cas_server.logins() == 0


def test_a_cas_account_unknown_to_chamilo_is_named_and_not_retried(cas_chamilo, cas_server, tmp_path):
    """CAS accepts the password, Chamilo refuses the ticket with an empty HTTP 500 (UI-REFERENCE
    §13.3): exit 2 at once, named — one CAS login, no retry (a refused login is never retried)."""
    cas_server.set_password("stranger", CANARY)
    env = robot_env(cas_chamilo, tmp_path, CHAMILO_USERNAME="stranger", CHAMILO_PASSWORD=CANARY,
                    CHAMILO_LOGIN="sso", ROBOT_CA_BUNDLE=str(cas_server.ca_bundle))
    result = run_robot(["backup", "--course", "DEMO101"], env)
    assert result.code == 2, result
    said = " ".join(result.stderr.split())
    assert "the ticket was refused, or 'stranger' is not a user of this Chamilo" in said, result.stderr
    assert cas_server.logins("stranger") == 1
    assert not list((tmp_path / "backups").glob("*.zip"))


def test_a_password_run_leaves_no_cookie_value_and_its_session_dies(practice_server, server_sessions, tmp_path):
    """A recorded run that fails (failure folder too): no cookie value of the run in any byte of the
    recording, its trace or the failure folder; signed out at the end, so the cookie is dead."""
    practice_server.state.set_password("teacher", CANARY)
    practice_server.state.faults.add_spec("POST /main/coursecopy/create_backup.php status code=500 times=5")
    env = robot_env(practice_server, tmp_path, CHAMILO_PASSWORD=CANARY)
    result = run_robot(["-v", "backup", "--course", "DEMO101", "--record", "--attempts", "1"], env)
    assert result.code == 4, result
    signed_in = [sid for sid, data in server_sessions.items() if data.get("user_id")]
    assert signed_in, "the run must have signed in"
    recordings = tmp_path / "recordings"
    traces = list(recordings.rglob("trace.zip"))
    assert any("failures" in t.parts for t in traces) and any("failures" not in t.parts for t in traces), traces
    assert hits_under(recordings, sorted(server_sessions)) == []
    for trace in traces:  # masked, not emptied: the cookie headers are still there, their values gone
        with zipfile.ZipFile(trace) as zf:
            assert zf.testzip() is None
            assert re.search(rb'"name":"Cookie","value":"<masked>"', zf.read("trace.network"))
            frames = [zf.read(n) for n in zf.namelist() if n.endswith(".jpeg")]
            assert frames and all(f[:3] == b"\xff\xd8\xff" and f[-2:] == b"\xff\xd9" for f in frames)
    assert not [sid for sid in signed_in if opens_course_page(practice_server, sid)]
    assert CANARY not in result.stdout + result.stderr and hits_under(tmp_path, [CANARY]) == []
    assert not os.path.exists(tmp_path / "state")  # a password run saves no session


def in_thread(fn):
    """Run ``fn`` in a thread of its own (Playwright's sync API: one per thread, see robot_run.py)."""
    box: dict = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # surfaced below
            box["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    return thread, box


def joined(started) -> object:
    thread, box = started
    thread.join()
    if "error" in box:
        raise box["error"]
    return box.get("value")


def cas_session_alive(cas_server, state: dict, service: str) -> bool:
    """Does the CAS server, shown the cookies of ``state``, give a ticket without its form?"""
    jar = "; ".join(f"{c['name']}={c['value']}" for c in state["cookies"] if c["name"] == "CASTGC")
    request = urllib.request.Request(f"{cas_server.login_url}?service={urllib.parse.quote(service, safe='')}",
                                     headers={"Cookie": jar})
    opener = urllib.request.build_opener(_NoRedirect, urllib.request.HTTPSHandler(context=cas_server.ssl_context()))
    try:
        with opener.open(request, timeout=10) as resp:
            return False  # 200: the sign-in form
    except urllib.error.HTTPError as err:
        return err.code == 302 and "ticket=ST-" in (err.headers.get("Location") or "")


def test_one_cas_login_shared_by_workers_each_with_a_chamilo_session_of_its_own(
        cas_chamilo, cas_server, server_sessions, tmp_path):
    """The API a campaign uses (robot/commands/run/signin.py): one password login on the CAS server;
    the workers share its cookies, never Chamilo's (one sec_token per PHP session)."""
    from flows.common import CourseParams, open_course_home
    from robot.commands.run.common import run_steps, site_of
    from robot.commands.run.signin import end_shared_sign_in, sign_in_once
    from robot.config import load

    config = load({}, robot_env(cas_chamilo, tmp_path, CHAMILO_LOGIN="sso", CHAMILO_PASSWORD="teacher",
                                ROBOT_CA_BUNDLE=str(cas_server.ca_bundle)), None)
    shared = joined(in_thread(lambda: sign_in_once(config)))
    assert shared.worker_state and "ch_sid" not in {c["name"] for c in shared.worker_state["cookies"]}
    assert cas_server.logins("teacher") == 1

    def worker(code: str):
        params = CourseParams(site=site_of(config), course=code)
        return run_steps(config, [open_course_home], params, run_name=f"worker-{code}",
                         login=shared.plan())

    outcomes = [joined(t) for t in [in_thread(lambda c=c: worker(c)) for c in ("DEMO101", "HIST2026")]]
    assert all(o.results[-1].status == "ok" for o in outcomes)
    assert cas_server.logins("teacher") == 1  # the workers got their Chamilo sessions without a form
    teacher_sessions = [sid for sid, data in server_sessions.items() if data.get("user_id") == 2]
    assert len(teacher_sessions) == 3  # the sign-in's own, and one per worker: none shared
    assert cas_session_alive(cas_server, shared.worker_state, cas_chamilo.url + "/")

    joined(in_thread(lambda: end_shared_sign_in(config, shared)))
    assert not [sid for sid in teacher_sessions if opens_course_page(cas_chamilo, sid)]
    assert not cas_session_alive(cas_server, shared.worker_state, cas_chamilo.url + "/")


def test_login_by_hand_saves_the_session_once_the_browser_is_back_signed_in(cas_chamilo, cas_server, tmp_path):
    """`robot login --headed`: the robot opens the site, types the password where it can (the CAS
    form here) and waits until the browser is on the site, signed in. No display on the test
    machine: the "visible" Chromium is started headless by a wrapper (ROBOT_BROWSER)."""
    wrapper = tmp_path / "chromium-without-display"
    wrapper.write_text('#!/bin/sh\nexec /usr/lib/chromium/chromium --headless=new "$@"\n')
    wrapper.chmod(0o755)
    env = robot_env(cas_chamilo, tmp_path, CHAMILO_LOGIN="sso", ROBOT_CA_BUNDLE=str(cas_server.ca_bundle),
                    ROBOT_BROWSER=str(wrapper))

    nobody = run_robot(["login", "--headed", "--wait", "3"], env)  # no password: a person would type it
    assert nobody.code == 2 and "nobody finished signing in within 3 s" in nobody.stderr, nobody
    assert not (tmp_path / "state" / "chamilo-robot" / "sessions").exists() or \
        not list((tmp_path / "state" / "chamilo-robot" / "sessions").glob("*.json"))

    cas_server.set_password("teacher", CANARY)  # not the username: the output hides the password
    result = run_robot(["login", "--headed", "--json"], {**env, "CHAMILO_PASSWORD": CANARY})
    assert result.code == 0, result
    saved = Path(result.json()["session_file"])
    assert saved == session_file(tmp_path) and stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert opens_course_page(cas_chamilo, cookies_of(saved)["ch_sid"]) and cas_server.logins("teacher") == 1

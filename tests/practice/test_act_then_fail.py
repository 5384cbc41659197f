"""Faults that act and then fail, on every page that changes the site: the page handler does its
work (saved in SQLite / on disk), then the answer is replaced by a 5xx, held past the client's
timeout, or the connection is closed without a byte.  Real HTTP against the session's server.

Each case names the request that changes the site and how a fault targets only that one (the
``query=`` / ``form=`` matchers); docs/RELIABILITY.md has the same table."""
from __future__ import annotations

import http.client
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from practice_server.state import State

from .helpers import login
from .raw_http import RawClient

COPY = "/main/coursecopy/copy_course.php"
RECYCLE = "/main/coursecopy/recycle_course.php"
DELETE = "/main/course_info/delete_course.php"
INFOCOURS = "/main/course_info/infocours.php"
INTRO = "/main/course_home/course_home.php"
ANNOUNCE = "/main/announcements/announcements.php"
USERS = "/main/user/user.php"
SUBSCRIBE = "/main/user/subscribe_user.php"
ADD_COURSE = "/main/create_course/add_course.php"
Q = "id_session=0&gidReq=0&gradebook=0&origin="


@dataclass
class Change:
    """One site-changing request: ``prepare`` does the reading requests before it (forms, tokens)
    and returns its URL and posted fields (None for a GET); ``done`` tells whether its effect is there."""

    name: str
    method: str
    path: str
    prepare: Callable[[RawClient, State], tuple[str, dict | None]]
    done: Callable[[State], bool]
    match: dict = field(default_factory=dict)


def _uid(st: State, username: str) -> int:
    return st.user_by_username(username)["id"]


def _doc_iid(st: State, code: str, path: str) -> int:
    return next(d["iid"] for d in st.documents(code) if d["path"] == path)


def _create_course(c, st):
    return ADD_COURSE, {"title": "Fault course", "category_code": "", "wanted_code": "FAULT2027",
                        "course_language": "english", "submit": "", "_qf__add_course": ""}


def _copy_full(c, st):
    token = c.get(f"{COPY}?cidReq=DEMO101&{Q}").token()
    return f"{COPY}?cidReq=DEMO101&{Q}", {"copy_option": "full_copy", "destination_course": "HIST2026",
                                           "same_file_name_option": "3", "sec_token": token, "submit": ""}


def _copied_all(st):
    target = st.course_files("HIST2026")
    return all(target.get(path) == data for path, data in st.course_files("DEMO101").items())


def _copy_selected(c, st):
    token = c.get(f"{COPY}?cidReq=DEMO101&{Q}").token()
    form = c.post(f"{COPY}?cidReq=DEMO101&{Q}", {"copy_option": "select_items", "destination_course": "HIST2026",
                                                  "same_file_name_option": "3", "sec_token": token, "submit": ""})
    return f"{COPY}?cidReq=DEMO101&{Q}", {
        "action": "course_select_form", "destination_course": "HIST2026", "same_file_name_option": "3",
        "sec_token": form.token(), f"resource[document][{_doc_iid(st, 'DEMO101', '/notes.txt')}]": "on"}


def _recycle_full(c, st):
    token = c.get(f"{RECYCLE}?cidReq=DEMO101&{Q}").token()
    return f"{RECYCLE}?cidReq=DEMO101&{Q}", {"recycle_option": "full_backup", "course_code_confirmation": "DEMO101",
                                              "sec_token": token, "submit": ""}


def _recycle_selected(c, st):
    token = c.get(f"{RECYCLE}?cidReq=DEMO101&{Q}").token()
    form = c.post(f"{RECYCLE}?cidReq=DEMO101&{Q}", {"recycle_option": "select_items", "sec_token": token})
    link = st.links("DEMO101")[0]["iid"]
    return f"{RECYCLE}?cidReq=DEMO101&{Q}", {"action": "course_select_form", "sec_token": form.token(),
                                              f"resource[link][{link}]": "on"}


def _link_gone(st):
    return len(st.links("DEMO101")) == 1  # the seed has two


def _delete(c, st):
    c.get(f"{DELETE}?cidReq=DEMO101&{Q}")  # the course is remembered in the session
    return f"{DELETE}?course_code=DEMO101&yes=&_qf__delete=", None


def _infocours(c, st):
    return f"{INFOCOURS}?cidReq=HIST2026&{Q}", {"title": "Histoire 2026", "course_language": "french",
                                                 "visibility": "0", "subscribe": "0", "unsubscribe": "0",
                                                 "submit_save": ""}


def _intro(c, st):
    c.get(f"{INTRO}?cidReq=DEMO101&{Q}&intro_cmdAdd=1")
    return f"{INTRO}?cidReq=DEMO101&{Q}", {"intro_content": "<p>Welcome, fault-tested.</p>", "intro_cmdUpdate": ""}


def _announce(c, st):
    token = c.get(f"{ANNOUNCE}?action=add&cidReq=DEMO101&{Q}").token()
    return f"{ANNOUNCE}?action=add&id=0&cidReq=DEMO101&{Q}", {
        "email_ann": "1", "title": "Fault notice", "content": "<p>Once only.</p>", "sec_token": token,
        "submit": "", "_qf__announcement": ""}


def _unsubscribe_row(c, st):
    c.get(f"{USERS}?cidReq=HIST2026&{Q}&type=5")
    return f"{USERS}?cidReq=HIST2026&{Q}&type=5&unregister=yes&user_id={_uid(st, 'etu01')}", None


def _unsubscribe_bulk(c, st):
    c.get(f"{USERS}?cidReq=HIST2026&{Q}&type=5")
    return f"{USERS}?student_list_per_page=20&type=5", {
        "user[]": [_uid(st, "etu01"), _uid(st, "etu02")], "action": "unsubscribe", "type": "5"}


def _register(code: str, username: str, utype: int):
    def prepare(c, st):
        c.get(f"{SUBSCRIBE}?cidReq={code}&{Q}&type={utype}")
        return f"{SUBSCRIBE}?cidReq={code}&{Q}&register=yes&type={utype}&user_id={_uid(st, username)}", None
    return prepare


def _register_bulk(code: str, usernames: list[str], utype: int):
    def prepare(c, st):
        c.get(f"{SUBSCRIBE}?cidReq={code}&{Q}&type={utype}")
        return f"{SUBSCRIBE}?type={utype}", {"user[]": [_uid(st, u) for u in usernames], "action": "subscribe",
                                             "type": str(utype)}
    return prepare


def _enrolled(code: str, usernames: list[str], status: int | None):
    return lambda st: all(st.course_status(_uid(st, u), code) == status for u in usernames)


CHANGES = [
    Change("create-course", "POST", ADD_COURSE, _create_course, lambda st: st.course("FAULT2027") is not None),
    Change("copy-full", "POST", COPY, _copy_full, _copied_all, {"form": "copy_option=full_copy"}),
    Change("copy-selected", "POST", COPY, _copy_selected,
           lambda st: st.course_files("HIST2026")["notes.txt"] == st.course_files("DEMO101")["notes.txt"],
           {"form": "action=course_select_form"}),
    Change("empty-full", "POST", RECYCLE, _recycle_full, lambda st: st.course_files("DEMO101") == {},
           {"form": "recycle_option=full_backup"}),
    Change("empty-selected", "POST", RECYCLE, _recycle_selected, _link_gone, {"form": "action=course_select_form"}),
    Change("delete", "GET", DELETE, _delete, lambda st: st.course("DEMO101") is None, {"query": "&yes"}),
    Change("archive-settings", "POST", INFOCOURS, _infocours, lambda st: st.course("HIST2026")["visibility"] == 0,
           {"form": "submit_save"}),
    Change("intro", "POST", INTRO, _intro, lambda st: "fault-tested" in (st.course("DEMO101")["intro"] or ""),
           {"form": "intro_cmdUpdate"}),
    Change("announce", "POST", ANNOUNCE, _announce,
           lambda st: [a["title"] for a in st.announcements("DEMO101")].count("Fault notice") == 1,
           {"query": "action=add"}),
    Change("unsubscribe-row", "GET", USERS, _unsubscribe_row, _enrolled("HIST2026", ["etu01"], None),
           {"query": "unregister=yes"}),
    Change("unsubscribe-bulk", "POST", USERS, _unsubscribe_bulk, _enrolled("HIST2026", ["etu01", "etu02"], None),
           {"form": "action=unsubscribe"}),
    Change("grant-teacher", "GET", SUBSCRIBE, _register("HIST2026", "colleague", 1),
           _enrolled("HIST2026", ["colleague"], 1), {"query": "register=yes"}),
    Change("register-student", "GET", SUBSCRIBE, _register("DEMO101", "etu01", 5),
           _enrolled("DEMO101", ["etu01"], 5), {"query": "register=yes"}),
    Change("grant-teachers-bulk", "POST", SUBSCRIBE, _register_bulk("HIST2026", ["colleague"], 1),
           _enrolled("HIST2026", ["colleague"], 1), {"form": "action=subscribe"}),
    Change("register-students-bulk", "POST", SUBSCRIBE, _register_bulk("DEMO101", ["etu01", "etu02"], 5),
           _enrolled("DEMO101", ["etu01", "etu02"], 5), {"form": "action=subscribe"}),
]


def _wait_answered(st: State, method: str, path: str, before: int) -> None:
    """Until the server has finished the request (it logs it once the handler returned)."""
    deadline = time.monotonic() + 30
    while st.count(method, path) <= before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert st.count(method, path) > before, "the server never finished the request"


@pytest.fixture
def teacher(server_url) -> RawClient:
    return RawClient(server_url).login("teacher")


STATUS_CASES = [(c, 502) for c in CHANGES] + [(CHANGES[0], 500), (CHANGES[8], 504)]


@pytest.mark.parametrize("change, code", STATUS_CASES, ids=[f"{c.name}-{code}" for c, code in STATUS_CASES])
def test_act_then_status(change, code, teacher, practice_server):
    st = practice_server.state
    url, fields = change.prepare(teacher, st)
    assert not change.done(st)
    st.faults.add(change.method, change.path, "act_then_status", code=code, **change.match)
    answer = teacher.request(change.method, url, fields)
    assert answer.status == code and "X-Powered-By" not in answer.headers and "Set-Cookie" not in answer.headers
    assert change.done(st)
    assert [s for m, p, s in st.requests if (m, p) == (change.method, change.path)][-1] == code


@pytest.mark.parametrize("change", CHANGES, ids=[c.name for c in CHANGES])
def test_act_then_timeout(change, teacher, practice_server):
    st = practice_server.state
    url, fields = change.prepare(teacher, st)
    assert not change.done(st)
    st.faults.add(change.method, change.path, "act_then_timeout", seconds=120, **change.match)
    before = st.count(change.method, change.path)
    with pytest.raises(TimeoutError):  # not even a status line within the client's timeout
        teacher.request(change.method, url, fields, timeout=0.5)
    _wait_answered(st, change.method, change.path, before)
    assert change.done(st)


@pytest.mark.parametrize("change", CHANGES, ids=[c.name for c in CHANGES])
def test_act_then_cut(change, teacher, practice_server):
    st = practice_server.state
    url, fields = change.prepare(teacher, st)
    assert not change.done(st)
    st.faults.add(change.method, change.path, "act_then_cut", **change.match)
    with pytest.raises(http.client.RemoteDisconnected):  # closed without a byte of an answer
        teacher.request(change.method, url, fields)
    assert change.done(st)
    assert [s for m, p, s in st.requests if (m, p) == (change.method, change.path)][-1] == 0


def test_the_matchers_spare_the_reading_requests(teacher, practice_server):
    """A fault aimed at the acting request leaves the views on the same path alone."""
    st = practice_server.state
    st.faults.add("GET", USERS, "act_then_status", code=502, query="unregister=yes")
    st.faults.add("POST", COPY, "act_then_cut", form="copy_option=full_copy")
    assert teacher.get(f"{USERS}?cidReq=HIST2026&{Q}&type=5").status == 200
    form = teacher.get(f"{COPY}?cidReq=DEMO101&{Q}")
    chosen = teacher.post(f"{COPY}?cidReq=DEMO101&{Q}", {"copy_option": "select_items", "destination_course": "HIST2026",
                                                          "same_file_name_option": "3", "sec_token": form.token()})
    assert form.status == chosen.status == 200 and 'name="course_select_form"' in chosen.text
    assert [f.fired for f in st.faults] == [0, 0]
    url, fields = _unsubscribe_row(teacher, st)
    assert teacher.get(url).status == 502 and [f.fired for f in st.faults] == [1, 0]


def test_a_held_answer_is_sent_when_the_faults_are_cleared(teacher, practice_server):
    st = practice_server.state
    st.faults.add("POST", INFOCOURS, "act_then_timeout", seconds=300)
    url, fields = _infocours(teacher, st)
    box: dict = {}
    worker = threading.Thread(target=lambda: box.update(answer=teacher.request("POST", url, fields, timeout=60)))
    worker.start()
    _wait_answered(st, "POST", INFOCOURS, 0)
    assert worker.is_alive()  # held
    st.faults.clear()
    worker.join(30)
    assert box["answer"].status == 302 and st.course("HIST2026")["visibility"] == 0


def test_cut_is_an_empty_response_for_a_plain_socket(server_url, practice_server):
    """No status line, no header: the peer closes first (what Chromium calls ERR_EMPTY_RESPONSE)."""
    practice_server.state.faults.add("GET", "/index.php", "act_then_cut")
    host, port = server_url.split("//")[1].split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"GET /index.php HTTP/1.1\r\nHost: x\r\n\r\n")
        assert sock.recv(1024) == b""


def test_chromium_sees_the_cut_as_an_empty_response_and_the_hold_as_a_timeout(open_page, server_url, practice_server):
    st = practice_server.state
    page = open_page("en")
    login(page, server_url, "teacher", via_form=False)
    page.goto(f"{server_url}{USERS}?cidReq=HIST2026&{Q}&type=5")
    # times=2: on a pre-opened socket Chromium resends a request that got no byte back, once, by itself
    st.faults.add("GET", USERS, "act_then_cut", query="unregister=yes", times=2)
    with pytest.raises(PlaywrightError, match="net::ERR_EMPTY_RESPONSE"):
        page.goto(f"{server_url}{USERS}?cidReq=HIST2026&{Q}&type=5&unregister=yes&user_id={_uid(st, 'etu01')}")
    assert st.course_status(_uid(st, "etu01"), "HIST2026") is None
    st.faults.add("GET", SUBSCRIBE, "act_then_timeout", seconds=120, query="register=yes")
    before = st.count("GET", SUBSCRIBE)
    with pytest.raises(PlaywrightTimeout):
        page.goto(f"{server_url}{SUBSCRIBE}?cidReq=HIST2026&{Q}&register=yes&type=1&user_id={_uid(st, 'colleague')}",
                  timeout=1000)
    _wait_answered(st, "GET", SUBSCRIBE, before)
    assert st.course_status(_uid(st, "colleague"), "HIST2026") == 1

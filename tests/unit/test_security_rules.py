"""The security rules of issue 22 that need no browser: what loopback means, formula cells in rosters,
lock files and ``.part`` files never written through a symbolic link nor another user's file, the
folders the robot makes private (and those it leaves alone), Chromium's sandbox, the redactor's
encoded forms, failure pages' cookie masking, the practice Chamilo's listening address."""
from __future__ import annotations

import csv
import io
import os
import stat
from pathlib import Path

import pytest

from flows.unsubscribe import read_roster, write_roster
from practice_server.__main__ import main as practice_main
from robot.cli import main as cli_main
from robot.config import load
from robot.engine.browser import sandbox_flags
from robot.engine.failure_page import clean_html
from robot.engine.redact import Redactor
from robot.engine.steps import StepContext
from robot.errors import UsageError
from robot.files import make_dirs
from robot.locks import SiteWork, course_lock, lock_path
from robot.origins import is_loopback_host, password_may_travel
from tests.robot_run import run_robot

PASSWORD = 'Zq7-canary-Pw!9x"&'


def test_loopback_is_an_address_or_localhost_never_a_name_starting_with_127(tmp_path):
    for host in ("127.0.0.1", "127.0.0.2", "127.255.255.254", "::1", "[::1]", "::ffff:127.0.0.1", "localhost",
                 "LOCALHOST"):
        assert is_loopback_host(host), host
    for host in ("127.attacker.example", "127.0.0.1.attacker.example", "localhost.attacker.example", "128.0.0.1",
                 "::ffff:10.0.0.1", "0.0.0.0", "", "127.1"):
        assert not is_loopback_host(host), host
    assert password_may_travel("https://idp.example/cas") and password_may_travel("http://[::1]:8080/")
    assert not password_may_travel("http://127.attacker.example/cas/login")
    assert password_may_travel("http://idp.example/", allow_insecure_http=True)
    assert not password_may_travel("javascript:alert(1)", allow_insecure_http=True)
    env = {"CHAMILO_URL": "http://127.attacker.example", "CHAMILO_USERNAME": "teacher", "CHAMILO_PASSWORD": "x",
           "ROBOT_LOCK_DIR": str(tmp_path / "locks")}
    refused = run_robot(["backup", "--course", "DEMO101", "--dry-run"], env)
    assert refused.code == 2 and "refusing plain http:// to a non-loopback host" in refused.stderr, refused
    allowed = run_robot(["backup", "--course", "DEMO101", "--dry-run", "--allow-insecure-http"], env)
    assert allowed.code == 0 and "Dry run" in allowed.stdout, allowed
    assert load({}, {**env, "CHAMILO_URL": "http://127.0.0.2:8080"}, None).url == "http://127.0.0.2:8080"


def test_a_roster_writes_formula_names_as_text_and_reads_them_back(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)  # the user's folder: not the robot's to lock down
    roster = folder / "roster.csv"
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (folder / "roster.csv.part").symlink_to(victim)  # planted where the robot writes first
    rows = [{"username": "etu01", "name": '=HYPERLINK("http://evil.example","x")', "email": "a@b.example",
             "role": "student", "user_id": "5"},
            {"username": "@etu02", "name": "+33 Dupont", "email": "c@d.example", "role": "student", "user_id": "6"},
            {"username": "etu03", "name": "-Jean\tTab", "email": "e@f.example", "role": "student", "user_id": "7"},
            {"username": "etu04", "name": "'=already quoted", "email": "g@h.example", "role": "student",
             "user_id": "8"}]  # read back as it was, its own quote kept
    write_roster(roster, rows)
    with open(roster, newline="", encoding="utf-8") as fh:
        written = list(csv.DictReader(fh))
    assert [r["name"] for r in written] == ["'" + r["name"] for r in rows]  # a spreadsheet shows them as text
    assert written[1]["username"] == "'@etu02"
    assert [{k: r[k] for k in ("username", "name", "user_id")} for r in read_roster(roster)] == \
        [{k: r[k] for k in ("username", "name", "user_id")} for r in rows]  # --restore gets the site's names back
    assert stat.S_IMODE(roster.stat().st_mode) == 0o600 and stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert victim.read_text() == "keep me" and not (folder / "roster.csv.part").exists()
    made = make_dirs(tmp_path / "new" / "deeper", 0o750)
    assert [stat.S_IMODE(p.stat().st_mode) for p in (made.parent, made)] == [0o750, 0o750]


def test_lock_files_are_never_followed_nor_taken_from_another_user(tmp_path):
    locks = tmp_path / "shared-locks"
    locks.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    path = lock_path(locks, "https://chamilo.example", "MATHS")
    path.symlink_to(victim)
    with pytest.raises(UsageError, match="symbolic link"):
        with course_lock("https://chamilo.example", "MATHS", directory=locks, command="backup"):
            pass
    assert victim.read_text() == "keep me"
    path.unlink()
    with course_lock("https://chamilo.example", "MATHS", directory=locks, command="backup") as held:
        assert stat.S_IMODE(held.stat().st_mode) == 0o600 and "robot backup" in held.read_text()
    if os.geteuid() == 0:  # someone else's file in a shared folder (root can make one)
        os.chown(path, 65534, 65534)
        with pytest.raises(UsageError, match="belongs to another user"):
            with course_lock("https://chamilo.example", "MATHS", directory=locks, command="backup"):
                pass
    # the site-wide lock (a backup being built) truncates and writes its holder's name: the same rule
    work = SiteWork("https://chamilo.example", locks)
    work.path("backup_build").symlink_to(victim)
    with pytest.raises(UsageError, match="symbolic link"):
        work.acquire("backup_build")
    assert victim.read_text() == "keep me"
    work.path("backup_build").unlink()
    work.acquire("backup_build")  # and the lock is not left taken by the refusal
    work.release("backup_build")


class _FinishedDownload:
    """What keep_download reads of a Playwright download: the path of the finished file."""

    def __init__(self, path: Path) -> None:
        self._path = path

    def path(self) -> Path:
        return self._path


def test_a_kept_download_gets_its_mode_and_replaces_a_planted_link(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    for mode in (0o600, 0o640):
        source = tmp_path / f"download-{mode:o}"
        source.write_bytes(b"PK zip bytes")
        source.chmod(0o644)
        part = tmp_path / f"MATHS-{mode:o}.zip.part"
        part.symlink_to(victim)
        StepContext.keep_download(_FinishedDownload(source), part, mode=mode)
        assert not part.is_symlink() and part.read_bytes() == b"PK zip bytes"
        assert stat.S_IMODE(part.stat().st_mode) == mode
    assert victim.read_text() == "keep me"
    env = {"CHAMILO_URL": "https://chamilo.example", "CHAMILO_USERNAME": "u"}
    assert load({}, {**env, "ROBOT_GROUP_READABLE": "yes"}, None).group_readable
    assert not load({}, env, None).group_readable
    with pytest.raises(UsageError, match="ROBOT_GROUP_READABLE"):
        load({}, {**env, "ROBOT_GROUP_READABLE": "maybe"}, None)


def test_chromium_keeps_its_sandbox_unless_root():
    assert sandbox_flags(0) == ["--no-sandbox"]
    assert sandbox_flags(1000) == []


def test_the_password_is_redacted_in_its_encoded_forms_and_short_cookies_stay():
    redact = Redactor([PASSWORD])
    text = (f'fill("{PASSWORD.replace(chr(34), chr(92) + chr(34))}") login=teacher&password='
            'Zq7-canary-Pw%219x%22%26 value="Zq7-canary-Pw!9x&quot;&amp;"')
    assert "Zq7" not in redact(text) and redact(text).count("<redacted>") == 3
    # "~" and "*": a browser's form body (%7E, *) and encodeURIComponent (~, *) differ from Python's quote
    odd = Redactor(["a~b*c d!"])
    assert odd("password=a%7Eb*c+d%21&x=1 q=a~b*c%20d!") == "password=<redacted>&x=1 q=<redacted>"
    page = ('<p>http://127.0.0.1:8080/index.php?cidReq=DEMO101</p><p>session 4f9a1c2e8b7d6a5f</p>'
            '<p>Zq7-canary-Pw!9x"&amp;</p>')
    cleaned = clean_html(page, cookie_values={"0", "en", "1", "4f9a1c2e8b7d6a5f"}, secrets=[PASSWORD, "Zq7-canary-Pw!9x"])
    assert "http://127.0.0.1:8080/index.php?cidReq=DEMO101" in cleaned  # a cookie 0 keeps the digits
    assert "4f9a1c2e8b7d6a5f" not in cleaned and "<masked>" in cleaned and "Zq7" not in cleaned


def test_the_practice_chamilo_listens_beyond_the_loopback_only_when_told(capsys, tmp_path):
    assert practice_main(["--host", "0.0.0.0", "--port", "0", "--data", str(tmp_path)]) == 2
    said = capsys.readouterr().err
    assert "--i-know-this-is-public" in said and "passwords are public" in said
    out, err = io.StringIO(), io.StringIO()
    assert cli_main(["sandbox", "--host", "192.0.2.1", "--port", "0"], env={}, stdout=out, stderr=err) == 2
    assert "--i-know-this-is-public" in err.getvalue() and "passwords are public" in err.getvalue()


def test_the_wire_guard_hands_python_only_the_requests_to_other_origins():
    """password_stays routes by a pattern the browser's driver matches: the site's own requests go
    by; another port, host, scheme, or a user-info trick (site@other) is looked at."""
    from flows.login_guard import _other_origins

    site = _other_origins("https://Chamilo.Univ-X.example:443/chamilo")
    assert not site.search("https://chamilo.univ-x.example/main/index.php")
    for url in ("https://chamilo.univ-x.example.evil/x", "https://chamilo.univ-x.example:8443/",
                "http://chamilo.univ-x.example/", "https://chamilo.univ-x.example@127.0.0.2/steal",
                "https://chamiloxuniv-x.example/"):
        assert site.search(url), url
    loop = _other_origins("http://127.0.0.1:8796")
    assert not loop.search("http://127.0.0.1:8796/index.php")
    assert loop.search("http://127.0.0.1:87960/") and loop.search("http://127.0.0.2:8796/steal")

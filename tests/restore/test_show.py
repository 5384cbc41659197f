"""`robot show`: a backup read without Chamilo, a browser or a network — on the real backups in
../shared/chamilo (ALPHA, RICH, the zip imported in capture 50b) and on a practice backup holding
announcements, descriptions, links, a test and a forum; every local link of the written page resolves;
hostile archives are refused with nothing written outside the folder."""
from __future__ import annotations

import base64
import html
import re
import stat
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest

from chamilo_backup.phpserial import PHPObject, dumps
from practice_server import backup as practice_backup
from tests.robot_run import run_robot

from .conftest import TEACHER_ID, rich_course

SHARED = Path(__file__).resolve().parents[3] / "shared" / "chamilo"
ALPHA = SHARED / "samples" / "3_ALPHA_20261128-195148.zip"
RICH = SHARED / "samples" / "RICH-backup.zip"
IMPORTED = SHARED / "pages" / "en" / "50b-import_backup-full-result" / "ALPHA-backup.zip"
needs_shared = pytest.mark.skipif(not RICH.is_file(), reason="../shared/chamilo is absent")
ENV = {"PATH": "/usr/bin:/bin"}


def show(*args: str):
    return run_robot(["show", *map(str, args)], ENV)


def local_links(index: Path) -> list[str]:
    page = index.read_text(encoding="utf-8")
    return [unquote(h) for h in re.findall(r'(?:href|src)="([^"#][^"]*)"', page) if "://" not in h]


def assert_links_resolve(index: Path) -> list[str]:
    links = local_links(index)
    for link in links:
        assert (index.parent / link).is_file(), link
    return links


@needs_shared
@pytest.mark.parametrize("zip_path, files", [(ALPHA, 4), (RICH, 3), (IMPORTED, 4)], ids=["ALPHA", "RICH", "50b"])
def test_the_real_backups_open_in_a_browser(tmp_path, zip_path, files):
    out = tmp_path / "page"
    result = show(zip_path, "--html", out)
    assert result.code == 0, result
    links = assert_links_resolve(out / "index.html")
    assert len({link for link in links if link.startswith("documents/")}) == files
    for link in links:  # each file is the zip's own bytes
        with zipfile.ZipFile(zip_path) as zf:
            assert (out / link).read_bytes() == zf.read("document/" + link[len("documents/"):])


@needs_shared
def test_rich_everything_it_holds_and_the_forum_reply_warning(tmp_path):
    result = show(RICH, "--html", tmp_path / "fr", "--lang", "fr")
    assert result.code == 0, result
    assert "1 réponse(s) de forum dans 1 fil(s) de discussion ne sont pas dans cette sauvegarde" in result.stdout
    assert "1 forum reply of 1 thread is not in this backup" in show(RICH).stdout
    page = html.unescape((tmp_path / "fr" / "index.html").read_text(encoding="utf-8"))
    for text in ("Riche — cours d'exemple", "Bienvenue", "Description du cours", "Documentation Chamilo",
                 "Quiz de révision", "Quelle est la capitale de la Suisse ?", "Examen de juin", "Discussions",
                 "Parcours semaine 1", "Glossaire", "Semaine 1", "1 réponse(s) de forum"):
        assert text in page, text
    assert re.search(r'class="correct">✔ Berne', page) and re.search(r'class="wrong">✘ Genève', page)
    assert re.search(r'class="correct">✔ Bâle', page) and re.search(r'class="wrong">✘ Lyon', page)
    assert "<script" not in page  # course texts come as plain text
    doc = show(RICH, "--json").json()
    assert doc["warnings"] == [{"kind": "forum_replies", "count": 1, "threads": 1, "message": doc["warnings"][0]["message"]}]
    assert [a["correct"] for a in doc["questions"][1]["answers"]] == [True, True, False]
    assert doc["not_shown"] == {}


def test_a_practice_backup_with_a_test_and_a_forum(practice_server, tmp_path):
    rich_course(practice_server, "DEMO101")
    zip_path = practice_backup.create_backup(practice_server.state, "DEMO101", TEACHER_ID, "en", practice_server.url + "/")
    result = show(zip_path, "--html", tmp_path / "page", "--json")
    assert result.code == 0, result
    doc = result.json()
    assert (len(doc["announcements"]), len(doc["descriptions"]), len(doc["links"])) == (2, 1, 2)
    assert [q["title"] for q in doc["quizzes"]] == ["Révision"]
    assert [[a["correct"] for a in q["answers"]] for q in doc["questions"]] == [[True, False], [True, True, False]]
    assert [t["title"] for t in doc["threads"]] == ["Examen de juin"] and len(doc["posts"]) == 1  # the reply is left out
    assert doc["warnings"][0]["count"] == 1  # … and said
    page = html.unescape((tmp_path / "page" / "index.html").read_text(encoding="utf-8"))
    # the document's title keeps its accents, beside its path, and opens the zip's own bytes
    assert re.search(r'<a href="documents/Resume-ete\.pdf">Résumé été\.pdf</a> <span class="size">/Resume-ete\.pdf ', page)
    assert "Capitale de la Suisse ?" in page and "Examen de juin" in page and "Merci !" not in page
    links = assert_links_resolve(tmp_path / "page" / "index.html")
    with zipfile.ZipFile(zip_path) as zf:
        assert (tmp_path / "page" / "documents" / "Resume-ete.pdf").read_bytes() == zf.read("document/Resume-ete.pdf")
    assert len([link for link in links if link.startswith("documents/")]) == len(doc["documents"]) - len(
        [d for d in doc["documents"] if d["file_type"] == "folder"])


# --- hostile archives -----------------------------------------------------------------------------

def course_info(paths: list[str]) -> bytes:
    ns = "Chamilo\\CourseBundle\\Component\\CourseCopy\\"
    docs = {i: PHPObject(ns + "Resources\\Document", {"path": p, "file_type": "file", "size": 4, "title": p})
            for i, p in enumerate(paths, 1)}
    return base64.b64encode(dumps(PHPObject(ns + "Course", {"resources": {"document": docs}, "code": "EVIL",
                                                              "info": {"title": "Evil"}})))


def hostile(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        if kind == "traversal":
            zf.writestr("document/../../escaped.txt", "evil")
            zf.writestr("course_info.dat", course_info(["document/../../escaped.txt"]))
        elif kind == "absolute":
            zf.writestr("/tmp/escaped.txt", "evil")
            zf.writestr("course_info.dat", course_info(["document/a.txt"]))
        elif kind == "symlink":
            info = zipfile.ZipInfo("document/link.txt")
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
            zf.writestr("course_info.dat", course_info(["document/link.txt"]))
        elif kind == "bomb":
            with zf.open("document/zeros.txt", "w", force_zip64=True) as fh:
                for _ in range(64):
                    fh.write(b"\0" * (1 << 20))
            zf.writestr("course_info.dat", course_info(["document/zeros.txt"]))
        elif kind == "not_chamilo":
            zf.writestr("document/a.txt", "text")
            zf.writestr("course_info.dat", base64.b64encode(b'O:8:"stdClass":1:{s:4:"code";s:1:"X";}'))
        elif kind == "deep":
            zf.writestr("course_info.dat", base64.b64encode(b"a:1:{i:0;" * 5000 + b"N;" + b"}" * 5000))
        elif kind == "backslash":
            zf.writestr("document\\..\\..\\escaped.txt", "evil")
            zf.writestr("course_info.dat", course_info(["document/a.txt"]))
    return path


@pytest.mark.parametrize("kind", ["traversal", "absolute", "symlink", "bomb", "not_chamilo", "deep", "backslash"])
def test_hostile_archives_are_refused_and_nothing_is_written(tmp_path, kind):
    path = hostile(tmp_path, kind)
    out = tmp_path / "out" / "page"
    result = show(path, "--html", out)
    assert result.code == 5, result
    assert "refused" in result.stderr or "cannot be decoded" in result.stderr or "not hold" in result.stderr
    assert not out.exists() or not any(out.iterdir())
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [path.name]  # nothing escaped


def test_a_folder_that_is_not_empty_is_not_written_into(tmp_path):
    out = tmp_path / "page"
    out.mkdir()
    (out / "mine.txt").write_text("keep")
    with zipfile.ZipFile(tmp_path / "ok.zip", "w") as zf:
        zf.writestr("document/a.txt", "abcd")
        zf.writestr("course_info.dat", course_info(["document/a.txt"]))
    result = show(tmp_path / "ok.zip", "--html", out)
    assert result.code == 2 and "not empty" in result.stderr
    assert [p.name for p in out.iterdir()] == ["mine.txt"]


def test_a_damaged_document_is_named_not_a_crash(tmp_path):
    """A document whose compressed bytes are damaged (a broken download kept by hand): a verification
    error naming it (exit 5), never a Python error, and nothing left in the folder — neither a
    half-written copy of it nor the sound document written before it."""
    path = tmp_path / "damaged.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("document/0-sound.txt", "a sound document")
        zf.writestr("document/a.txt", "the first document's text, long enough to be deflated " * 40)
        zf.writestr("course_info.dat", course_info(["document/0-sound.txt", "document/a.txt"]))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("document/a.txt")
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 5:start + 25] = bytes(20)  # the deflated stream's middle
    path.write_bytes(bytes(data))
    out = tmp_path / "page"
    result = show(path, "--html", out)
    assert result.code == 5, result
    assert "document/a.txt" in result.stderr and "damaged" in result.stderr, result
    assert list(out.iterdir()) == []


def test_a_document_listed_twice_is_written_once(tmp_path):
    """course_info.dat may list one path under two ids (a hand-made or odd backup): one file, one link
    per listing, never "unexpected error (a bug): FileExistsError"."""
    ns = "Chamilo\\CourseBundle\\Component\\CourseCopy\\"
    docs = {i: PHPObject(ns + "Resources\\Document", {"path": "document/a.txt", "file_type": "file", "size": 4,
                                                      "title": "a.txt"}) for i in (1, 2)}
    blob = base64.b64encode(dumps(PHPObject(ns + "Course", {"resources": {"document": docs}, "code": "TWICE",
                                                            "info": {"title": "Twice"}})))
    with zipfile.ZipFile(tmp_path / "twice.zip", "w") as zf:
        zf.writestr("document/a.txt", "abcd")
        zf.writestr("course_info.dat", blob)
    result = show(tmp_path / "twice.zip", "--html", tmp_path / "page")
    assert result.code == 0, result
    assert assert_links_resolve(tmp_path / "page" / "index.html") == ["documents/a.txt"] * 2
    assert (tmp_path / "page" / "documents" / "a.txt").read_bytes() == b"abcd"

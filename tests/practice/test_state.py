"""State, seed, reset, serializer: no browser."""
from __future__ import annotations

import base64
import time
import zipfile
from pathlib import Path

import pytest

from chamilo_backup import phpserial as phpserialize
from practice_server import PracticeServer
from practice_server.backup import create_backup
from practice_server.state import clean_name

SAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "chamilo" / "samples" / "3_ALPHA_20261128-195148.zip"


def test_seed(practice_server):
    st = practice_server.state
    assert st.course_codes() == ["DEMO101", "HIST2026", "ADMIN1"]
    demo = st.course("DEMO101")
    assert {k: demo[k] for k in ("code", "title", "language", "directory", "intro")} == {
        "code": "DEMO101", "title": "Demo course 101", "language": "english", "directory": "DEMO101", "intro": ""}
    assert st.course("HIST2026")["language"] == "french"
    assert st.course("NOPE") is None
    files = st.course_files("DEMO101")
    assert {"Resume-ete.pdf", "notes.txt", "Semaine-1/cours.pdf"} <= set(files)
    assert 900_000 < sum(map(len, files.values())) < 1_300_000
    hist = st.course_files("HIST2026")
    assert hist["notes.txt"] != files["notes.txt"] and hist["Semaine-1/cours.pdf"] != files["Semaine-1/cours.pdf"]
    titles = {d["path"]: d["title"] for d in st.documents("DEMO101")}
    assert titles["/Resume-ete.pdf"] == "Résumé été.pdf" and titles["/Semaine-1"] == "Semaine 1"
    users = st.course_users("HIST2026")
    assert sum(1 for u in users if u["status"] == 5) == 25
    assert [u["username"] for u in users if u["status"] == 1] == ["teacher"]
    assert set(users[0]) >= {"username", "firstname", "lastname", "email", "status"}
    assert [u["username"] for u in st.course_users("ADMIN1")] == ["admin"]
    assert st.course_users("DEMO101") and not [u for u in st.course_users("DEMO101") if u["username"] == "colleague"]
    assert st.authenticate("teacher", "teacher")["id"] == 2 and st.authenticate("teacher", "x") is None
    assert st.user_by_username("admin")["is_admin"] == 1


def test_seed_is_deterministic(tmp_path, practice_server):
    other = PracticeServer(data_dir=tmp_path / "other")
    assert other.state.course_files("DEMO101") == practice_server.state.course_files("DEMO101")


def test_reset_is_fast_and_complete(practice_server):
    st = practice_server.state
    docroot = st.course_dir("DEMO101") / "document"
    (docroot / "notes.txt").write_text("changed")
    (docroot / "extra.txt").write_text("new")
    (docroot / "Semaine-2" / "exercices.pdf").unlink()
    with st.db() as con:
        con.execute("UPDATE course SET title = 'X' WHERE code = 'DEMO101'")
    create_backup(st, "DEMO101", 2, "en", "http://x/")
    st.log_request("GET", "/x", 200)
    st.set_lang("fr")
    t0 = time.perf_counter()
    st.reset()
    assert time.perf_counter() - t0 < 0.3
    assert st.course("DEMO101")["title"] == "Demo course 101"
    assert "extra.txt" not in st.course_files("DEMO101")
    assert st.course_files("DEMO101")["notes.txt"].startswith(b"Notes for DEMO101")
    assert "Semaine-2/exercices.pdf" in st.course_files("DEMO101")
    assert st.backups() == [] and st.requests == [] and st.lang is None


def test_clean_name():
    assert clean_name("Résumé été.pdf") == "Resume-ete.pdf"
    assert clean_name("Semaine 1") == "Semaine-1"
    assert clean_name("l'été  2026 (v2).txt") == "l-ete-2026-v2-.txt"


def test_phpserialize_round_trip():
    value = {"a": [1, 2.5, None, True, "é"], 3: phpserialize.PHPObject("stdClass", {"x": "y"}), "-1": "neg"}
    data = phpserialize.dumps(value)
    assert data.startswith(b'a:3:{s:1:"a";a:5:{i:0;i:1;i:1;d:2.5;i:2;N;i:3;b:1;i:4;s:2:"\xc3\xa9";}')
    back = phpserialize.loads(data)
    assert back["a"] == {0: 1, 1: 2.5, 2: None, 3: True, 4: "é"} and back[-1] == "neg"
    assert back[3] == phpserialize.PHPObject("stdClass", {"x": "y"})


@pytest.mark.skipif(not SAMPLE.exists(), reason="../shared/chamilo is absent")
def test_phpserialize_reproduces_the_real_course_info_byte_for_byte():
    with zipfile.ZipFile(SAMPLE) as zf:
        raw = base64.b64decode(zf.read("course_info.dat"))
    course = phpserialize.loads(raw)
    assert phpserialize.dumps(course) == raw
    real_doc = next(iter(course["resources"]["document"].values()))
    assert list(real_doc.props) == ["source_id", "destination_id", "type", "linked_resources", "item_properties",
                                    "obj", "extraFields", "path", "comment", "file_type", "size", "title"]


def test_our_document_resource_has_the_real_shape(practice_server):
    st = practice_server.state
    path = create_backup(st, "DEMO101", 2, "en", "http://127.0.0.1/")
    with zipfile.ZipFile(path) as zf:
        course = phpserialize.loads(base64.b64decode(zf.read("course_info.dat")))
    doc = next(iter(course["resources"]["document"].values()))
    assert list(doc.props) == ["source_id", "destination_id", "type", "linked_resources", "item_properties",
                               "obj", "extraFields", "path", "comment", "file_type", "size", "title"]
    assert len(doc["item_properties"][0]) == 32
    assert len(course["info"]) == 41


def test_download_is_streamed(practice_server):
    client = practice_server.app.test_client()
    client.post("/index.php", data={"login": "teacher", "password": "teacher"})
    path = create_backup(practice_server.state, "DEMO101", 2, "en", "http://localhost/")
    resp = client.get(f"/main/course_info/download.php?archive={path.name}&cidReq=DEMO101", buffered=False)
    assert resp.status_code == 200 and resp.is_streamed
    assert resp.headers["Content-Length"] == str(path.stat().st_size)
    assert b"".join(resp.response) == path.read_bytes()


def test_pages_work_without_the_vendor_libraries(practice_server, monkeypatch, tmp_path, caplog):
    from practice_server import assets
    from practice_server.pages import assets as asset_pages

    monkeypatch.setattr(assets, "VENDOR_DIR", tmp_path / "no-vendor")
    monkeypatch.setattr(asset_pages, "_warned", False)
    client = practice_server.app.test_client()
    with caplog.at_level("WARNING", logger="practice_server"):
        assert client.get("/web/assets/jquery/dist/jquery.min.js").status_code == 404
        assert client.get("/web/assets/ckeditor/ckeditor.js").status_code == 404
        page = client.get("/index.php")
    assert page.status_code == 200 and b'name="formLogin"' in page.data
    assert len([r for r in caplog.records if "front-end libraries missing" in r.getMessage()]) == 1
    assert client.get("/web/build/main.french.js").data.count(b"Veuillez confirmer votre choix") == 1


def test_vendor_assets_are_served_when_present(practice_server):
    from practice_server.assets import vendor_ready

    if not vendor_ready():
        pytest.skip("run python -m practice_server.assets")
    client = practice_server.app.test_client()
    for path in ["/web/assets/jquery/dist/jquery.min.js", "/web/assets/bootstrap/dist/js/bootstrap.min.js",
                 "/web/assets/bootstrap/dist/css/bootstrap.min.css",
                 "/web/assets/bootstrap-select/dist/js/bootstrap-select.min.js",
                 "/web/assets/bootstrap-select/dist/css/bootstrap-select.min.css",
                 "/web/assets/bootstrap-select/dist/js/i18n/defaults-en_US.min.js",
                 "/web/assets/ckeditor/ckeditor.js", "/web/assets/ckeditor/lang/fr.js",
                 "/web/assets/fontawesome/css/font-awesome.min.css"]:
        assert client.get(path).status_code == 200, path

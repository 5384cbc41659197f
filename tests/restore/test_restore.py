"""`robot restore` on the practice Chamilo (real Chromium, real HTTP, real zips): a full import into an
empty course, then the same zip again with each same-name option (the exact names of UI-REFERENCE
§15.2), a lost answer that must not double a file, chosen items, a file that is no backup, a zip over
the site's upload limit (never sent) and the copy on the server imported instead."""
from __future__ import annotations

import pytest

from tests.copy.conftest import renamed, seeded_files
from tests.robot_run import assert_one_attempt_each, run_robot, steps_of

from .conftest import IMPORT, backup_zip, empty_course, env_for, holdings

DEMO = seeded_files("DEMO101")


@pytest.fixture(scope="module")
def runs(practice_server, tmp_path_factory):
    st = practice_server.state
    st.faults.clear()
    st.reset()
    folder = tmp_path_factory.mktemp("restore")
    zip_path = backup_zip(practice_server, "DEMO101", folder)
    server_name = st.backups()[-1].name
    for code in ("TARGET1", "TARGET2", "TARGET3", "TARGET4"):
        empty_course(practice_server, code)
    env = env_for(practice_server, folder)
    out: dict = {"zip": zip_path}

    def restore(key: str, *args: str) -> None:
        posts = st.count("POST", IMPORT)
        result = run_robot(["restore", *args, "--yes", "--json"], env)
        out[key] = {"result": result, "posts": st.count("POST", IMPORT) - posts}

    # 1. into an empty course, then the same zip again with each option
    restore("first", "--course", "TARGET1", "--from", str(zip_path))
    out["first"]["after"] = holdings(st, "TARGET1")
    for policy in ("rename", "overwrite", "skip"):
        restore(policy, "--course", "TARGET1", "--from", str(zip_path), "--on-conflict", policy)
        out[policy]["after"] = holdings(st, "TARGET1")
    # 2. the site acts, then a proxy answers 502: the robot looks before redoing (rename would double)
    st.faults.add("POST", IMPORT, "act_then_status", code=502, form="action=restore_backup")
    restore("lost", "--course", "TARGET2", "--from", str(zip_path), "--on-conflict", "rename")
    out["lost"]["after"] = holdings(st, "TARGET2")
    st.faults.clear()
    # 3. chosen items: documents only (an upload, then the item list)
    restore("items", "--course", "TARGET3", "--from", str(zip_path), "--items", "documents")
    out["items"]["after"] = holdings(st, "TARGET3")
    # 4. a file that is no backup: refused before anything is sent
    not_a_zip = folder / "notes.zip"
    not_a_zip.write_text("these are my notes, not a backup")
    restore("no_backup", "--course", "TARGET4", "--from", str(not_a_zip))
    restore("no_tests", "--course", "TARGET4", "--from", str(zip_path), "--items", "documents,tests")
    # 5. a zip over the site's upload limit is never sent; the copy on the server is imported instead
    st.settings["upload_max_filesize"] = str(zip_path.stat().st_size - 1)
    restore("too_big", "--course", "TARGET4", "--from", str(zip_path))
    restore("server", "--course", "TARGET4", "--from", str(zip_path), "--server-file", server_name)
    out["server"]["after"] = holdings(st, "TARGET4")
    out["server_name"] = server_name
    # 6. PHP drops a body over post_max_size: the form comes back with no message — not imported (§15.4)
    st.settings["upload_max_filesize"] = str(100 * 1024 * 1024)
    st.settings["post_max_size"] = "1000"
    restore("ignored", "--course", "TARGET3", "--from", str(zip_path), "--on-conflict", "rename")
    out["ignored"]["after"] = holdings(st, "TARGET3")
    st.faults.clear()
    st.reset()
    return out


def test_into_an_empty_course_everything_arrives(runs):
    doc = assert_one_attempt_each(runs["first"]["result"])
    after = runs["first"]["after"]
    assert after["files"] == DEMO  # every file, its bytes
    assert (after["links"], after["announcements"], after["descriptions"]) == (2, 2, 1)
    assert doc["verified"] is True and doc["summary"]["added"] == len(DEMO) and doc["summary"]["missing"] == 0
    assert {f["path"] for f in doc["files"]} == set(DEMO)
    assert doc["counts"]["links"] == {"zip": 2, "before": 0, "after": 2}
    assert runs["first"]["posts"] == 1


def test_a_second_import_leaves_the_names_of_section_15_2(runs):
    first = runs["first"]["after"]["files"]
    renamed_files = runs["rename"]["after"]["files"]
    assert renamed_files == {**first, **{renamed(p): data for p, data in DEMO.items()}}  # notes_1.txt …
    titles = runs["rename"]["after"]["titles"]
    assert all(titles["/" + renamed(p)] == titles["/" + p] for p in DEMO)  # titles unchanged
    doc = runs["rename"]["result"].json()
    assert {f["path"]: f.get("to") for f in doc["files"]} == {p: renamed(p) for p in DEMO}
    assert runs["overwrite"]["after"]["files"] == renamed_files  # replaced in place: no new file
    assert runs["skip"]["after"]["files"] == renamed_files
    assert runs["overwrite"]["result"].json()["summary"]["overwritten"] == len(DEMO)
    assert runs["skip"]["result"].json()["summary"]["skipped"] == len(DEMO)
    # links and announcements come again with every import, whatever the option
    assert [runs[k]["after"]["links"] for k in ("first", "rename", "overwrite", "skip")] == [2, 4, 6, 8]


def test_a_lost_answer_leaves_one_copy_of_each_file(runs):
    run = runs["lost"]
    assert run["result"].code == 0, run["result"]
    assert run["posts"] == 1  # the import was not sent again
    assert run["after"]["files"] == DEMO  # no notes_1.txt
    assert run["after"]["links"] == 2
    step = steps_of(run["result"].json())["submit_import"]
    assert step["already_done"] is True


def test_chosen_items_only(runs):
    assert_one_attempt_each(runs["items"]["result"])
    after = runs["items"]["after"]
    assert after["files"] == DEMO
    assert (after["links"], after["announcements"], after["descriptions"]) == (0, 0, 0)
    assert runs["items"]["posts"] == 2  # the upload (item list), then the ticked items


def test_a_file_that_is_no_backup_is_refused_and_nothing_sent(runs):
    run = runs["no_backup"]
    assert run["result"].code == 2, run["result"]
    assert "not a Chamilo course backup" in run["result"].stderr and "nothing was sent" in run["result"].stderr
    assert run["posts"] == 0


def test_items_the_zip_does_not_hold_are_refused_before_anything_is_sent(runs):
    run = runs["no_tests"]
    assert run["result"].code == 2, run["result"]
    assert "holds no tests" in run["result"].stderr and "nothing was sent" in run["result"].stderr
    assert run["posts"] == 0


def test_over_the_upload_limit_nothing_is_sent_and_the_server_copy_is_named(runs):
    run = runs["too_big"]
    assert run["result"].code == 2, run["result"]
    assert "upload limit" in run["result"].stderr and runs["server_name"] in run["result"].stderr
    assert run["posts"] == 0
    server = runs["server"]
    doc = assert_one_attempt_each(server["result"])
    assert doc["imported_from"] == f"server file {runs['server_name']}"
    assert server["after"]["files"] == DEMO


def test_an_upload_the_site_ignores_is_not_imported_and_said(runs):
    run = runs["ignored"]
    assert run["result"].code == 4, run["result"]
    doc = run["result"].json()
    assert doc["error"]["kind"] == "upload_ignored" and "post_max_size" in doc["error"]["message"]
    assert run["posts"] == 1  # not retried: the same upload would be dropped again
    assert run["after"] == runs["items"]["after"]  # nothing imported (no notes_1.txt)


def test_a_dry_run_lists_what_would_arrive_and_contacts_nothing(tmp_path):
    """--dry-run reads the zip alone (the site's address here answers nothing): every file with its
    size, the other items counted, only the chosen types; no browser, no request."""
    from .test_show import RICH  # the real backup with a test, a forum and a learning path

    if not RICH.is_file():
        pytest.skip("../shared/chamilo is absent")
    env = {"CHAMILO_URL": "http://127.0.0.1:9", "CHAMILO_USERNAME": "teacher", "CHAMILO_PASSWORD": "x-Pw3!x",
           "ROBOT_LOCK_DIR": str(tmp_path / "locks"), "ROBOT_OUT": str(tmp_path / "out"), "PATH": "/usr/bin:/bin"}
    doc = run_robot(["restore", "--course", "T", "--from", str(RICH), "--dry-run", "--json"], env).json()
    assert doc["dry_run"] is True and doc["ok"] is True
    assert doc["arriving"][:4] == ["  3 document file(s), 4 folder(s)", "    programme.pdf  (708 bytes)",
                                   "    Semaine-1/intro.html  (265 bytes)", "    Semaine-1/plan.txt  (130 bytes)"]
    assert {"  1 announcements", "  1 tests", "  1 forum threads", "  2 links"} <= set(doc["arriving"])
    chosen = run_robot(["restore", "--course", "T", "--from", str(RICH), "--items", "links", "--dry-run", "--json"],
                       env).json()
    assert chosen["arriving"] == ["  1 link categories", "  2 links"]  # no document, nothing else

"""The practice Chamilo's backups encode tests and forums as the real RICH backup does
(../shared/chamilo/samples/RICH-backup.md): the same classes, the same properties in the same order,
the first post of each thread only."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from chamilo_backup import read_course
from practice_server import backup as practice_backup
from tests.restore.conftest import TEACHER_ID, rich_course

RICH = Path(__file__).resolve().parents[3] / "shared" / "chamilo" / "samples" / "RICH-backup.zip"
TYPES = ("Forum_Category", "forum", "thread", "post", "quiz", "Exercise_Question")


def shape(value):
    """Class and property names (in order), recursively into ``obj``; answers' keys."""
    props = value.props
    out = {"class": value.class_name, "props": list(props)}
    if hasattr(props.get("obj"), "props"):
        out["obj"] = list(props["obj"].props)
    if isinstance(props.get("answers"), dict) and props["answers"]:
        out["answer"] = list(next(iter(props["answers"].values())))
    return out


@pytest.mark.skipif(not RICH.is_file(), reason="../shared/chamilo is absent")
def test_tests_and_forums_are_encoded_as_a_real_backup(practice_server):
    rich_course(practice_server, "DEMO101")
    made = practice_backup.create_backup(practice_server.state, "DEMO101", TEACHER_ID, "en", practice_server.url + "/")
    with zipfile.ZipFile(made) as zf:
        ours = read_course(zf)["resources"]
    with zipfile.ZipFile(RICH) as zf:
        real = read_course(zf)["resources"]
    order = [t for t in real if t in ours]
    assert order == [t for t in ours if t in real]  # the builder's order
    for rtype in TYPES:
        assert shape(next(iter(ours[rtype].values()))) == shape(next(iter(real[rtype].values()))), rtype
    assert len(ours["post"]) == 1 and next(iter(ours["thread"].values()))["obj"]["thread_replies"] == 1
    assert list(ours["quiz"]) == [next(iter(ours["quiz"])), -1]  # the placeholder last, as in RICH

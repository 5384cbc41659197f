"""The recording's text files, without a browser."""
from __future__ import annotations

import base64
import json

import pytest

from robot.engine.guide import GUIDES, cues, rewrite_html, shown_steps, vtt_time, write_html, write_vtt
from robot.engine.intro import IntroError, read_intro, render_intro
from robot.engine.steps import step

from .helpers import vtt_cues

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==")


def steps(*spans):
    return [{"index": i, "name": f"s{i}", "caption": f"Step {i}", "start": a, "end": b, "label": "",
             "screenshot": f"steps/{i:02d}-s{i}.png", "status": "ok"} for i, (a, b) in enumerate(spans, 1)]


def test_vtt_time():
    assert vtt_time(0) == "00:00:00.000" and vtt_time(3723.4567) == "01:02:03.457"


def test_cues_stay_inside_the_video_even_when_the_last_steps_end_after_it(tmp_path):
    spans = steps((0.05, 1.0), (1.0, 1.2), (1.2, 4.9), (4.95, 5.0))
    for duration in (5.0, 4.8, 0.5):
        for start, end, _ in cues(spans, duration):
            assert 0 <= start < end <= duration
    path = write_vtt(tmp_path / "v.vtt", spans, 4.8)
    assert [t for _, _, t in vtt_cues(path)] == ["1. Step 1", "2. Step 2", "3. Step 3", "4. Step 4"]


def test_guide_escapes_text_and_holds_its_pictures(tmp_path):
    spans = steps((0, 1))
    spans[0]["caption"] = "Click <b>“Go”</b>"
    spans[0]["label"] = "Go & see"
    (tmp_path / "steps").mkdir()
    (tmp_path / "steps" / "01-s1.png").write_bytes(PNG)
    html = write_html(tmp_path / "g.html", lang="fr", steps=spans, video=None, subtitles=None,
                      meta={"title": "T", "site": "https://x", "product": "P", "version": "9", "duration": 2.25}
                      ).read_text()
    assert "<b>" not in html and "&lt;b&gt;" in html and "Go &amp; see" in html
    assert f'src="data:image/png;base64,{base64.b64encode(PNG).decode()}"' in html
    assert "steps/01-s1.png" not in html and "<video" not in html and 'lang="fr"' in html
    assert "2,2 s" in html or "2,3 s" in html  # French numbers


def test_the_video_is_linked_only_when_it_is_beside_the_guide(tmp_path):
    spans = steps((0, 1))
    html = write_html(tmp_path / "g.html", lang="en", steps=spans, video="video.webm", vtt="WEBVTT\n",
                      meta={"title": "T"}).read_text()
    assert "<video" not in html and "No video was recorded" in html
    (tmp_path / "video.webm").write_bytes(b"\x1aE\xdf\xa3")
    html = write_html(tmp_path / "g.html", lang="en", steps=spans, video="video.webm", vtt="WEBVTT\n",
                      meta={"title": "T"}).read_text()
    assert 'src="video.webm"' in html and 'src="data:text/vtt;base64,' in html
    assert 'onerror="' in html and "video-missing" in html  # mailed alone: the player goes, a sentence says why


@step("robot_check", en="Check the zip's CRC", fr="Vérifier le CRC du zip", robot_only=True)
def robot_check(s):
    pass


@step("check_zip", en="Test the zip", fr="Tester le zip", teacher_en="Open the .ZIP file",
      teacher_fr="Ouvrez le fichier .ZIP")
def check_zip(s):
    pass


def test_a_step_says_whether_a_person_does_it():
    assert robot_check.teacher_caption("fr") is None
    assert check_zip.teacher_caption("fr") == "Ouvrez le fichier .ZIP" and check_zip.caption("fr") == "Tester le zip"
    with pytest.raises(ValueError):
        step("x", en="a", fr="b", robot_only=True, teacher_en="c", teacher_fr="d")
    with pytest.raises(ValueError):
        step("x", en="a", fr="b", teacher_en="only English")


def test_teacher_guide_leaves_out_robot_steps_and_full_keeps_them(tmp_path):
    spans = steps((0, 1), (1, 2), (2, 3))
    spans[1].update(name="robot_check", caption="Check the zip's CRC", teacher_caption=None)
    spans[2].update(name="check_zip", caption="Test the zip", teacher_caption="Open the .ZIP file")
    teacher = shown_steps(spans, "teacher")
    assert [(s["number"], s["name"], s["text"]) for s in teacher] == [(1, "s1", "Step 1"), (2, "check_zip", "Open the .ZIP file")]
    assert [s["text"] for s in shown_steps(spans, "full")] == ["Step 1", "Check the zip's CRC", "Test the zip"]
    assert [t for _, _, t in cues(spans, 5.0, guide="teacher")] == ["1. Step 1", "2. Open the .ZIP file"]
    assert cues(spans, 5.0, guide="teacher")[0][1] == 1.0  # ends where the robot's own step starts
    html = write_html(tmp_path / "g.html", lang="en", steps=spans, video=None, meta={"title": "T"}).read_text()
    assert "CRC" not in html and 'data-step="robot_check"' not in html and "Step 2. Open the .ZIP file" in html
    assert set(GUIDES) == {"teacher", "full"}


def test_notes_and_pages_in_another_language_are_told_once(tmp_path):
    spans = steps((0, 1), (1, 2), (2, 3), (3, 4))
    for st, lang in zip(spans, ("fr", "en", "en", "fr")):
        st["page_lang"] = lang
    spans[0]["notes"] = ["Le robot a choisi « Français » dans le menu des langues."]
    html = write_html(tmp_path / "g.html", lang="fr", steps=spans, video=None, meta={"title": "T"}).read_text()
    assert html.count("le site s&#x27;affiche en anglais") == 1  # once, where the site turns English
    assert "choisi « Français »" in html
    spans[0]["page_lang"] = "en"  # the robot could not get French on the site's first page: the guide says so
    html = write_html(tmp_path / "g.html", lang="fr", steps=spans, video=None, meta={"title": "T"}).read_text()
    assert "Le site affiche cette première page dans sa propre langue (anglais)" in html
    assert "le site s&#x27;affiche en anglais" not in html  # steps 2-3 stay English: not said again


def test_rewrite_html_from_run_json_with_another_guide_and_title(tmp_path):
    spans = steps((0, 1), (1, 2))
    spans[1].update(name="robot_check", caption="Check the zip's CRC", teacher_caption=None)
    (tmp_path / "run.json").write_text(json.dumps({"lang": "en", "title": "Back up", "steps": spans, "seconds": 2,
                                                   "guide": {"kind": "teacher"}, "intro_html": "<p>Hi</p>"}))
    html = rewrite_html(tmp_path, guide="full", name="full.html", title="Our guide").read_text()
    assert "<h1>Our guide</h1>" in html and "CRC" in html and "<p>Hi</p>" in html


def test_intro_markdown_is_rendered_safely_and_text_stays_text(tmp_path):
    md = tmp_path / "intro.md"
    md.write_text("# Hello\n\n**Bold** <img src=x onerror=alert(1)> [ok](https://a.example) [no](javascript:alert(1))"
                  "\n\n![pic](https://t.example/p.png)\n", encoding="utf-8")
    html = render_intro(*read_intro(md))
    assert "<h3>Hello</h3>" in html and "<strong>Bold</strong>" in html and "&lt;img" in html
    assert '<a href="https://a.example">ok</a>' in html and 'href="javascript:' not in html and "<img" not in html
    txt = tmp_path / "intro.txt"
    txt.write_text("Line *one*\n<b>two</b>\n\nPara", encoding="utf-8")
    assert render_intro(*read_intro(txt)) == "<p>Line *one*<br>&lt;b&gt;two&lt;/b&gt;</p>\n<p>Para</p>\n"
    (tmp_path / "bin.md").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(IntroError):
        read_intro(tmp_path / "bin.md")
    with pytest.raises(IntroError):
        read_intro(tmp_path / "missing.md")


def test_guide_options_are_refused_before_anything_starts(tmp_path):
    """Exit 2 and no request: guide options without a recording, an introduction that cannot be read."""
    from tests.robot_run import run_robot

    env = {"CHAMILO_URL": "http://127.0.0.1:9", "CHAMILO_USERNAME": "t", "CHAMILO_PASSWORD": "t",
           "ROBOT_LOCK_DIR": str(tmp_path / "locks"), "ROBOT_RECORDINGS": str(tmp_path / "rec")}
    result = run_robot(["backup", "--course", "X", "--guide-title", "T"], env)
    assert result.code == 2 and "add --record" in result.stderr
    result = run_robot(["demo", "--intro", str(tmp_path / "none.md"), "backup", "--course", "X"], env)
    assert result.code == 2 and "none.md" in result.stderr and not (tmp_path / "rec").exists()

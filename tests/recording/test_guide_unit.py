"""The recording's text files, without a browser."""
from __future__ import annotations

from robot.engine.guide import cues, vtt_time, write_html, write_vtt

from .helpers import vtt_cues


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


def test_guide_escapes_text_and_points_at_relative_files(tmp_path):
    spans = steps((0, 1))
    spans[0]["caption"] = "Click <b>“Go”</b>"
    spans[0]["label"] = "Go & see"
    html = write_html(tmp_path / "g.html", lang="fr", steps=spans, video=None, subtitles=None,
                      meta={"title": "T", "site": "https://x", "product": "P", "version": "9"}).read_text()
    assert "<b>" not in html and "&lt;b&gt;" in html and "Go &amp; see" in html
    assert 'src="steps/01-s1.png"' in html and "<video" not in html and 'lang="fr"' in html

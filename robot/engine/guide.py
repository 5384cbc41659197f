"""The recording's text files: WebVTT subtitles and the illustrated guide (self-contained HTML).

``steps`` are the dicts of run.json: index, name, caption, label, status, screenshot (relative
path), start / end (seconds from the video's start). Knows nothing about the site it drives: the
product and version shown on the cover come in ``meta``."""
from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

TEXT = {
    "en": {"guide": "Step-by-step guide", "date": "Date", "site": "Site", "version": "Version",
           "course": "Course", "steps": "Steps", "outcome": "Outcome", "ok": "done", "failed": "failed",
           "step": "Step", "label": "On the site, the element reads:", "video": "Video of the run",
           "no_video": "No video was recorded", "duration": "Duration", "error": "Error"},
    "fr": {"guide": "Guide pas à pas", "date": "Date", "site": "Site", "version": "Version",
           "course": "Cours", "steps": "Étapes", "outcome": "Résultat", "ok": "réussi", "failed": "échec",
           "step": "Étape", "label": "Sur le site, l'élément s'intitule :", "video": "Vidéo de l'exécution",
           "no_video": "Aucune vidéo n'a été enregistrée", "duration": "Durée", "error": "Erreur"},
}


def vtt_time(seconds: float) -> str:
    ms = int(round(max(seconds, 0.0) * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def cues(steps: list[dict[str, Any]], duration: float | None, *, min_length: float = 0.8) -> list[tuple[float, float, str]]:
    """One cue per step, from the moment it starts until the next one starts, all inside ``duration``."""
    out: list[tuple[float, float, str]] = []
    for i, st in enumerate(steps):
        start = float(st["start"])
        end = float(steps[i + 1]["start"]) if i + 1 < len(steps) else float(st["end"])
        end = max(end, start + min_length)
        if duration is not None and duration > 0:
            end = min(end, duration)
            start = min(start, max(end - 0.2, 0.0))
        out.append((start, max(end, start + 0.001), f"{st['index']}. {st['caption']}"))
    return out


def write_vtt(path: Path, steps: list[dict[str, Any]], duration: float | None) -> Path:
    lines = ["WEBVTT", ""]
    for n, (start, end, text) in enumerate(cues(steps, duration), 1):
        lines += [str(n), f"{vtt_time(start)} --> {vtt_time(end)}", text.replace("-->", "→"), ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


CSS = """
body { font: 16px/1.45 system-ui, sans-serif; color: #1d1d2b; margin: 0 auto; max-width: 1100px; padding: 24px; }
header.cover { padding: 40px 0 24px; border-bottom: 3px solid #e6007e; margin-bottom: 24px; }
header.cover h1 { font-size: 32px; margin: 0 0 6px; } header.cover h2 { font-size: 20px; font-weight: 500; margin: 0 0 18px; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: 4px 16px; margin: 0; }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; }
ol.toc { columns: 2; }
video { width: 100%; max-width: 960px; background: #000; margin: 12px 0; }
section.step { margin: 32px 0; }
section.step h3 { font-size: 22px; margin: 0 0 10px; }
section.step img { display: block; width: 100%; max-width: 1000px; height: auto; border: 1px solid #ccc; }
p.label q { font-weight: 600; background: #fdebf4; padding: 1px 6px; border-radius: 4px; }
p.error { color: #a00; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; }
  .screen-only { display: none; }
  section.step { break-before: page; page-break-before: always; margin: 0; }
  section.step img { width: auto; max-width: 100%; max-height: 145mm; }
}
"""


def write_html(path: Path, *, lang: str, meta: dict[str, Any], steps: list[dict[str, Any]],
               video: str | None, subtitles: str | None) -> Path:
    t = TEXT.get(lang, TEXT["en"])
    e = escape
    rows = [(t["date"], meta.get("date", "")), (t["site"], meta.get("site", "")),
            (t["version"], " ".join(x for x in (meta.get("product", ""), meta.get("version", "")) if x)),
            (t["course"], meta.get("course", "")), (t["steps"], str(len(steps))),
            (t["duration"], f"{meta.get('duration', 0):.1f} s"),
            (t["outcome"], t["ok"] if meta.get("outcome") == "ok" else t["failed"])]
    head = [f"<!DOCTYPE html>\n<html lang=\"{e(lang)}\"><head><meta charset=\"utf-8\">",
            f"<title>{e(meta.get('title', ''))}</title><style>{CSS}</style></head><body>",
            "<header class=\"cover\">",
            f"<h1>{e(meta.get('title', ''))}</h1><h2>{e(t['guide'])}</h2><dl class=\"meta\">",
            *(f"<dt>{e(k)}</dt><dd>{e(str(v))}</dd>" for k, v in rows if v),
            "</dl></header>"]
    if meta.get("error"):
        head.append(f"<p class=\"error\">{e(t['error'])}: {e(meta['error'])}</p>")
    head.append("<ol class=\"toc\">" + "".join(f"<li><a href=\"#step-{st['index']}\">{e(st['caption'])}</a></li>"
                                             for st in steps) + "</ol>")
    if video:
        track = (f"<track kind=\"subtitles\" src=\"{e(subtitles)}\" srclang=\"{e(lang)}\" label=\"{e(lang)}\" default>"
                 if subtitles else "")
        head.append(f"<div class=\"screen-only\"><h2>{e(t['video'])}</h2>"
                    f"<video controls preload=\"metadata\" src=\"{e(video)}\">{track}</video></div>")
    else:
        head.append(f"<p class=\"screen-only\">{e(t['no_video'])}</p>")
    body = []
    for st in steps:
        parts = [f"<section class=\"step\" id=\"step-{st['index']}\" data-step=\"{e(st['name'])}\">",
                 f"<h3>{e(t['step'])} {st['index']}. {e(st['caption'])}</h3>"]
        if st.get("screenshot"):
            parts.append(f"<img src=\"{e(st['screenshot'])}\" alt=\"{e(st['caption'])}\">")
        if st.get("label"):
            parts.append(f"<p class=\"label\">{e(t['label'])} <q>{e(st['label'])}</q></p>")
        if st.get("status") == "failed":
            parts.append(f"<p class=\"error\">{e(t['error'])}: {e(st.get('error', ''))}</p>")
        parts.append("</section>")
        body.append("".join(parts))
    path.write_text("\n".join(head + body + ["</body></html>\n"]), encoding="utf-8")
    return path

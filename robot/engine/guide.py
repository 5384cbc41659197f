"""The recording's text files: WebVTT subtitles and the illustrated guide (one HTML file).

``steps`` are the dicts of run.json: index, name, caption, label, status, screenshot (relative
path), start / end (seconds from the video's start), and for the teacher's guide
``teacher_caption`` (None: a step no person does) and ``notes``, ``page_lang`` (the page's own
language). Knows nothing about the site it drives: the product and version shown on the cover come
in ``meta``.

Two guides from the same run: ``teacher`` (the default) leaves out the steps no person does and
words the robot's checks as a person does them; ``full`` shows every step as the robot did it (for
the team). ``guide.html`` holds its pictures (data URIs): it can be mailed or put on an intranet as
one file. The video is linked when it sits beside the guide; opened without it, the guide hides the
video's place and says so.
"""
from __future__ import annotations

import base64
import json
from html import escape
from pathlib import Path
from typing import Any

GUIDES = ("teacher", "full")

TEXT = {
    "en": {"guide": "Step-by-step guide", "full": "Step-by-step guide — every step the robot took (for the team)",
           "date": "Date", "site": "Site", "version": "Version",
           "course": "Course", "steps": "Steps", "outcome": "Outcome", "ok": "done", "failed": "failed",
           "step": "Step", "label": "On the site, the element reads:", "video": "Video of the run",
           "no_video": "No video was recorded", "duration": "Duration", "error": "Error",
           "video_missing": "The video ({file}) does not come with this file: ask whoever sent the guide for it.",
           "other_lang": "Here the site shows itself in {name} (the site's own language, your profile's or the "
                         "course's): the labels quoted are the site's, as you will see them.",
           "first_lang": "The site shows this first page in its own language ({name}): the labels quoted are the "
                         "site's, as you will see them."},
    "fr": {"guide": "Guide pas à pas", "full": "Guide pas à pas — toutes les étapes du robot (pour l'équipe)",
           "date": "Date", "site": "Site", "version": "Version",
           "course": "Cours", "steps": "Étapes", "outcome": "Résultat", "ok": "réussi", "failed": "échec",
           "step": "Étape", "label": "Sur le site, l'élément s'intitule :", "video": "Vidéo de l'exécution",
           "no_video": "Aucune vidéo n'a été enregistrée", "duration": "Durée", "error": "Erreur",
           "video_missing": "La vidéo ({file}) n'accompagne pas ce fichier : demandez-la à qui vous a transmis le guide.",
           "other_lang": "Ici, le site s'affiche en {name} (sa propre langue, celle de votre profil ou celle du "
                         "cours) : les libellés cités sont ceux du site, tels que vous les verrez.",
           "first_lang": "Le site affiche cette première page dans sa propre langue ({name}) : les libellés cités "
                         "sont ceux du site, tels que vous les verrez."},
}
LANGUAGE_NAMES = {"en": ("English", "anglais"), "fr": ("French", "français"), "de": ("German", "allemand"),
                  "es": ("Spanish", "espagnol"), "it": ("Italian", "italien"), "nl": ("Dutch", "néerlandais"),
                  "pt": ("Portuguese", "portugais")}


def language_name(code: str, lang: str) -> str:
    en, fr = LANGUAGE_NAMES.get(code, (code, code))
    return fr if lang == "fr" else en


def shown_steps(steps: list[dict[str, Any]], guide: str = "teacher") -> list[dict[str, Any]]:
    """The steps a guide shows, numbered for it, each with the ``text`` it is told in: the teacher's
    guide leaves out the steps no person does and uses a person's wording where a step has one."""
    if guide not in GUIDES:
        raise ValueError(f"unknown guide {guide!r} (one of {', '.join(GUIDES)})")
    out = []
    for st in steps:
        if guide == "teacher":
            if "teacher_caption" in st and st["teacher_caption"] is None:
                continue  # a step no person does
            text = st.get("teacher_caption") or st["caption"]
        else:
            text = st["caption"]
        out.append({**st, "number": len(out) + 1, "text": text})
    return out


def vtt_time(seconds: float) -> str:
    ms = int(round(max(seconds, 0.0) * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def cues(steps: list[dict[str, Any]], duration: float | None, *, min_length: float = 0.8,
         guide: str = "full") -> list[tuple[float, float, str]]:
    """One cue per step the guide shows, from the moment it starts until the next step (shown or
    not) starts, all inside ``duration``."""
    shown = {st["index"]: st for st in shown_steps(steps, guide)}
    out: list[tuple[float, float, str]] = []
    for i, st in enumerate(steps):
        if st["index"] not in shown:
            continue
        start = float(st["start"])
        end = float(steps[i + 1]["start"]) if i + 1 < len(steps) else float(st["end"])
        end = max(end, start + min_length)
        if duration is not None and duration > 0:
            end = min(end, duration)
            start = min(start, max(end - 0.2, 0.0))
        one = shown[st["index"]]
        out.append((start, max(end, start + 0.001), f"{one['number']}. {one['text']}"))
    return out


def vtt_text(steps: list[dict[str, Any]], duration: float | None, guide: str = "full") -> str:
    lines = ["WEBVTT", ""]
    for n, (start, end, text) in enumerate(cues(steps, duration, guide=guide), 1):
        lines += [str(n), f"{vtt_time(start)} --> {vtt_time(end)}", text.replace("-->", "→"), ""]
    return "\n".join(lines)


def write_vtt(path: Path, steps: list[dict[str, Any]], duration: float | None, guide: str = "full") -> Path:
    path.write_text(vtt_text(steps, duration, guide), encoding="utf-8")
    return path


CSS = """
body { font: 16px/1.45 system-ui, sans-serif; color: #1d1d2b; margin: 0 auto; max-width: 1100px; padding: 24px; }
header.cover { padding: 40px 0 24px; border-bottom: 3px solid #e6007e; margin-bottom: 24px; }
header.cover h1 { font-size: 32px; margin: 0 0 6px; } header.cover h2 { font-size: 20px; font-weight: 500; margin: 0 0 18px; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: 4px 16px; margin: 0; }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; }
div.intro { font-size: 17px; margin: 0 0 24px; } div.intro p { margin: 0 0 10px; }
ol.toc { columns: 2; }
video { width: 100%; max-width: 960px; background: #000; margin: 12px 0; }
section.step { margin: 32px 0; }
section.step h3 { font-size: 22px; margin: 0 0 10px; }
section.step img { display: block; width: 100%; max-width: 1000px; height: auto; border: 1px solid #ccc; }
p.label q { font-weight: 600; background: #fdebf4; padding: 1px 6px; border-radius: 4px; }
html[lang="fr"] q { quotes: "«\\00a0" "\\00a0»"; }
p.note { background: #eef4fb; border-left: 4px solid #337ab7; padding: 6px 10px; }
p.error { color: #a00; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; }
  .screen-only { display: none; }
  section.step { break-before: page; page-break-before: always; margin: 0; }
  section.step img { width: auto; max-width: 100%; max-height: 145mm; }
}
"""

# Opened without the video beside it (mailed alone), the guide hides the player and says so.
VIDEO_MISSING_JS = ("var b=document.getElementById('video');b.querySelector('video').remove();"
                    "b.querySelector('.video-missing').hidden=false;")


def _seconds(value: float, lang: str) -> str:
    text = f"{value:.1f} s"
    return text.replace(".", ",") if lang == "fr" else text


def data_uri(path: Path, mime: str) -> str | None:
    try:
        return f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode("ascii")
    except OSError:
        return None


def write_html(path: Path, *, lang: str, meta: dict[str, Any], steps: list[dict[str, Any]],
               video: str | None, subtitles: str | None = None, guide: str = "teacher", intro_html: str = "",
               vtt: str | None = None) -> Path:
    """The guide as one file: ``video`` names the video beside ``path``; its subtitles (``vtt``, else
    the file ``subtitles`` beside ``path``) and the steps' screenshots (paths relative to ``path``'s
    folder) are put inside it."""
    t = TEXT.get(lang, TEXT["en"])
    e = escape
    folder = path.parent
    shown = shown_steps(steps, guide)
    rows = [(t["date"], meta.get("date", "")), (t["site"], meta.get("site", "")),
            (t["version"], " ".join(x for x in (meta.get("product", ""), meta.get("version", "")) if x)),
            (t["course"], meta.get("course", "")), (t["steps"], str(len(shown))),
            (t["duration"], _seconds(float(meta.get("duration") or 0), lang)),
            (t["outcome"], t["ok"] if meta.get("outcome") == "ok" else t["failed"])]
    title = meta.get("title", "")
    head = [f"<!DOCTYPE html>\n<html lang=\"{e(lang)}\"><head><meta charset=\"utf-8\">",
            f"<title>{e(title)}</title><style>{CSS}</style></head><body>",
            "<header class=\"cover\">",
            f"<h1>{e(title)}</h1><h2>{e(t['full'] if guide == 'full' else t['guide'])}</h2><dl class=\"meta\">",
            *(f"<dt>{e(k)}</dt><dd>{e(str(v))}</dd>" for k, v in rows if v),
            "</dl></header>"]
    if intro_html:
        head.append(f"<div class=\"intro\">{intro_html}</div>")
    if meta.get("error"):
        head.append(f"<p class=\"error\">{e(t['error'])}: {e(meta['error'])}</p>")
    head.append("<ol class=\"toc\">" + "".join(f"<li><a href=\"#step-{st['number']}\">{e(st['text'])}</a></li>"
                                             for st in shown) + "</ol>")
    if vtt is None and subtitles and (folder / subtitles).is_file():
        vtt = (folder / subtitles).read_text(encoding="utf-8")
    head.append(_video_block(folder, lang, t, video, vtt))
    body, previous_lang = [], lang
    for st in shown:
        parts = [f"<section class=\"step\" id=\"step-{st['number']}\" data-step=\"{e(st['name'])}\">",
                 f"<h3>{e(t['step'])} {st['number']}. {e(st['text'])}</h3>"]
        picture = data_uri(folder / st["screenshot"], "image/png") if st.get("screenshot") else None
        if picture:
            parts.append(f"<img src=\"{picture}\" alt=\"{e(st['text'])}\">")
        if st.get("label"):
            parts.append(f"<p class=\"label\">{e(t['label'])} <q>{e(st['label'])}</q></p>")
        page_lang = st.get("page_lang") or ""
        if page_lang and page_lang != lang and page_lang != previous_lang:
            said = t["first_lang" if st is shown[0] else "other_lang"]
            parts.append(f"<p class=\"note\">{e(said.format(name=language_name(page_lang, lang)))}</p>")
        previous_lang = page_lang or previous_lang
        parts += [f"<p class=\"note\">{e(note)}</p>" for note in st.get("notes") or ()]
        if st.get("status") == "failed":
            parts.append(f"<p class=\"error\">{e(t['error'])}: {e(st.get('error', ''))}</p>")
        parts.append("</section>")
        body.append("".join(parts))
    path.write_text("\n".join(head + body + ["</body></html>\n"]), encoding="utf-8")
    return path


def _video_block(folder: Path, lang: str, t: dict[str, str], video: str | None, vtt: str | None) -> str:
    e = escape
    if not video or not (folder / video).is_file():
        return f"<p class=\"screen-only\">{e(t['no_video'])}</p>"
    track = ""
    if vtt:
        uri = "data:text/vtt;base64," + base64.b64encode(vtt.encode("utf-8")).decode("ascii")
        track = (f"<track kind=\"subtitles\" src=\"{uri}\" srclang=\"{e(lang)}\" "
                 f"label=\"{e(language_name(lang, lang))}\" default>")
    missing = e(t["video_missing"].format(file=video))
    return (f"<div class=\"screen-only\" id=\"video\"><h2>{e(t['video'])}</h2>"
            f"<video controls preload=\"metadata\" src=\"{e(video)}\" onerror=\"{VIDEO_MISSING_JS}\">{track}</video>"
            f"<p class=\"video-missing\" hidden>{missing}</p></div>")


def rewrite_html(folder: Path, *, guide: str | None = None, name: str = "guide.html", title: str | None = None,
                 intro_html: str | None = None) -> Path:
    """Write a guide again from a recording's run.json and pictures (another guide, title or
    introduction; no new run): ``folder/name``."""
    doc = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    chosen = guide or doc.get("guide", {}).get("kind") or "teacher"
    meta = {k: doc.get(k) for k in ("title", "course", "site", "product", "version", "outcome", "error")}
    meta.update(date=doc.get("date", ""), duration=doc.get("seconds", 0))
    if title:
        meta["title"] = title
    video = doc.get("video") or {}
    duration = video.get("seconds") or doc.get("seconds")
    return write_html(folder / name, lang=doc.get("lang", "en"), meta=meta, steps=doc["steps"],
                      video=video.get("file"), guide=chosen, vtt=vtt_text(doc["steps"], duration, chosen),
                      intro_html=doc.get("intro_html", "") if intro_html is None else intro_html)

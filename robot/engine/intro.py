"""A guide's opening words (--guide-intro FILE / `robot demo --intro FILE`): Markdown or plain text,
turned into safe HTML for the guide.

Markdown (``.md``, ``.markdown``): CommonMark through markdown-it-py, with raw HTML escaped (never
passed through), pictures refused (the guide holds every picture itself: an outside one would be
fetched from wherever it points) and only the link schemes markdown-it allows (no ``javascript:``,
``data:``…). Anything else is plain text: paragraphs at blank lines, escaped.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

MARKDOWN_SUFFIXES = (".md", ".markdown")
MAX_BYTES = 64 * 1024  # a few words of introduction, not a book


class IntroError(ValueError):
    pass


def read_intro(path: Path) -> tuple[str, str]:
    """(text, "markdown" | "text") of an introduction file; IntroError when it cannot be used."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise IntroError(f"cannot read {path}: {err.strerror or err}") from None
    if len(data) > MAX_BYTES:
        raise IntroError(f"{path} is {len(data)} bytes: an introduction of at most {MAX_BYTES // 1024} KB is expected")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise IntroError(f"{path} is not UTF-8 text") from None
    return text, ("markdown" if path.suffix.lower() in MARKDOWN_SUFFIXES else "text")


def render_intro(text: str, kind: str) -> str:
    """The introduction as HTML that can be put in the guide as it is."""
    if not text.strip():
        return ""
    if kind == "markdown":
        from markdown_it import MarkdownIt

        md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable("image")
        tokens = md.parse(text)
        for token in tokens:  # the guide's title is its h1, its steps h3: the introduction's headings below
            if token.type in ("heading_open", "heading_close"):
                token.tag = f"h{min(int(token.tag[1]) + 2, 6)}"
        return md.renderer.render(tokens, md.options, {})
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join("<p>" + "<br>".join(escape(line) for line in p.splitlines()) + "</p>\n" for p in paragraphs)

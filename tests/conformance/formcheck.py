"""Compare a practice-Chamilo page with a page captured on the real Chamilo 1.11.32
(../shared/chamilo/pages/<lang>/<step>/forms.json and links.json).

Usage (one line per page)::

    assert_forms_match(page, step_dir("en", "05a-create_backup-form"), f"{url}/main/coursecopy/create_backup.php?cidReq=DEMO101")
    assert_links_match(page, step_dir("en", "04-maintenance_ALPHA"), None)   # None: the page as it is now

Values that legitimately differ are normalised on both sides: the host (``{HOST}``), the course
code (``{CODE}``), backup archive names (``{ARCHIVE}``), the sec_token value and generated radio ids.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "chamilo"
PAGES = SHARED / "pages"
CAPTURE_HOST = "http://127.0.0.1:8080"

_EXTRACT_FORMS = """() => Array.from(document.forms).map(f => ({
  name: f.getAttribute('name'), id: f.getAttribute('id'), action_attr: f.getAttribute('action'),
  method: (f.getAttribute('method') || 'get').toLowerCase(), onsubmit: f.getAttribute('onsubmit'),
  controls: Array.from(f.querySelectorAll('input, select, textarea, button')).map(c => ({
    tag: c.tagName.toLowerCase(),
    type: c.tagName === 'SELECT' ? (c.multiple ? 'select-multiple' : 'select-one')
          : c.tagName === 'TEXTAREA' ? 'textarea' : (c.getAttribute('type') || (c.tagName === 'BUTTON' ? 'submit' : 'text')).toLowerCase(),
    name: c.getAttribute('name'), id: c.getAttribute('id'), value: c.getAttribute('value'),
    checked: (c.type === 'radio' || c.type === 'checkbox') ? c.checked : null,
    class: c.getAttribute('class'), onclick: c.getAttribute('onclick'),
  })),
}))"""

_EXTRACT_LINKS = """(scope) => Array.from(document.querySelectorAll(scope + ' a[href]')).map(a => a.getAttribute('href'))"""


def step_dir(lang: str, step: str) -> Path:
    return PAGES / lang / step


def captured_code(step: Path) -> str | None:
    """The course code of a captured step (from its final URL), e.g. ALPHA or CAPA."""
    meta = json.loads((step / "meta.json").read_text())
    m = re.search(r"cidReq=([A-Za-z0-9_]+)", meta.get("final_url", "")) or re.search(
        r"/courses/([A-Za-z0-9_]+)/", meta.get("final_url", ""))
    return m.group(1) if m else None


def normalise(text: str | None, host: str, code: str | None) -> str | None:
    if text is None:
        return None
    text = text.replace("&amp;", "&").replace(host.rstrip("/"), "{HOST}")
    text = re.sub(r"sec_token=[0-9a-f]+", "sec_token={TOKEN}", text)  # tokens inside table URLs (user.php)
    if code:
        text = re.sub(rf"\d+_{re.escape(code)}_\d{{8}}-\d{{6}}\.zip", "{ARCHIVE}", text)
        text = re.sub(rf"(?<![A-Za-z0-9_]){re.escape(code)}(?![A-Za-z0-9_])", "{CODE}", text)
    return text


def _control_key(c: dict, host: str, code: str | None) -> tuple:
    ctype = (c.get("type") or "").lower()
    keep_value = ctype in ("radio", "hidden", "checkbox")
    value = c.get("value") if keep_value else None
    if c.get("name") == "sec_token":
        value = "{TOKEN}"
    cid = None if ctype == "radio" else c.get("id")
    if ctype == "checkbox" and (cid or "").startswith("qf_"):  # QuickForm's generated ids (qf_d0a6a8)
        cid = None
    if ctype == "checkbox" and c.get("name") == "user[]":  # user ids: data (user.php, subscribe_user.php)
        value = "{USER}"
    if ctype == "hidden" and value:  # cidReq=<CODE> of search forms
        value = normalise(value, host, code)
    if cid and re.search(r"_[0-9a-f]{13}$", cid):  # PHP uniqid() suffixes (legal_…, file_comment_…)
        cid = cid[:-13] + "{UNIQID}"
    return (c.get("tag"), ctype, normalise(c.get("name"), host, code), normalise(cid, host, code),
            value, bool(c.get("checked")) if ctype in ("radio", "checkbox") else None)


def _form_summary(f: dict, host: str, code: str | None) -> dict:
    return {
        "name": f.get("name"), "id": f.get("id"), "method": (f.get("method") or "get").lower(),
        "action": normalise(f.get("action_attr"), host, code),
        "controls": [_control_key(c, host, code) for c in f.get("controls", [])],
    }


def _goto(page, practice_url: str | None) -> None:
    if practice_url:
        response = page.goto(practice_url)
        assert response is not None and response.status == 200, f"{practice_url}: {response and response.status}"


def practice_forms(page) -> list[dict]:
    return page.evaluate(_EXTRACT_FORMS)


def assert_forms_match(page, step: Path, practice_url: str | None, *, practice_code: str | None = None,
                       structure_only: bool = False, data_fields: tuple[str, ...] = (),
                       row_boxes: tuple[str, ...] = ()) -> None:
    """The forms of the practice page (``practice_url``, or the page as it is if None) match the
    captured ``step``: same form names/ids/methods/actions and the same controls (tag, type, name,
    id, value of radios/hidden/checkboxes, checked state), in order.

    ``structure_only``: for forms whose items are data (CourseSelectForm), compare the form
    attributes, the hidden fields, the submit buttons and the checkbox name pattern instead.
    ``data_fields``: hidden fields whose values are data (the copy form's ``course`` blob, its
    ``destination_course``): compared by name and position, not by value.
    ``row_boxes``: names of a table's per-row checkboxes (``course[]`` of the admin's course list):
    the rows are data, so their run of checkboxes counts as one control, whatever the values."""
    _goto(page, practice_url)
    real_code = captured_code(step)
    code = practice_code or _code_from_url(page.url)
    real = json.loads((step / "forms.json").read_text())["forms"]
    ours = practice_forms(page)
    real_s = [_form_summary(f, CAPTURE_HOST, real_code) for f in real]
    ours_s = [_form_summary(f, _host(page.url), code) for f in ours]
    if data_fields:
        for summary in real_s + ours_s:
            summary["controls"] = [c[:4] + ("{DATA}",) + c[5:] if c[1] == "hidden" and c[2] in data_fields else c
                                   for c in summary["controls"]]
    if row_boxes:
        for summary in real_s + ours_s:
            summary["controls"] = _one_row_box(summary["controls"], row_boxes)
    assert [f["name"] for f in ours_s] == [f["name"] for f in real_s], (ours_s, real_s)
    for mine, theirs in zip(ours_s, real_s):
        head = ("name", "id", "method", "action")
        assert {k: mine[k] for k in head} == {k: theirs[k] for k in head}, (mine, theirs)
        if not structure_only:
            assert mine["controls"] == theirs["controls"], _diff(mine["controls"], theirs["controls"])
            continue
        for kind in ("hidden", "submit"):
            assert [c for c in mine["controls"] if c[1] == kind] == [c for c in theirs["controls"] if c[1] == kind]
        pattern = re.compile(r"^resource\[[A-Za-z_ ]+\]\[-?\d+\]$")
        real_boxes = [c for c in theirs["controls"] if c[1] == "checkbox"]
        our_boxes = [c for c in mine["controls"] if c[1] == "checkbox"]
        assert our_boxes and all(pattern.match(c[2]) and c[2] == c[3] and c[4] is None for c in our_boxes)
        assert all(pattern.match(c[2]) for c in real_boxes)
        types = lambda boxes: {c[2].split("]")[0][len("resource["):] for c in boxes}  # noqa: E731
        assert types(our_boxes) == types(real_boxes), (types(our_boxes), types(real_boxes))
        assert ("input", "checkbox", "resource[quiz][-1]", "resource[quiz][-1]", None, False) in our_boxes
    if structure_only:
        real_buttons = [(c.get("class"), c.get("onclick")) for f in real for c in f["controls"] if c["tag"] == "button"]
        our_buttons = [(c.get("class"), c.get("onclick")) for f in ours for c in f["controls"] if c["tag"] == "button"]
        assert our_buttons == real_buttons, (our_buttons, real_buttons)


def assert_links_match(page, step: Path, practice_url: str | None, *, practice_code: str | None = None,
                       scope: str = "#cm-content") -> None:
    """The set of link hrefs (as written) inside ``scope`` equals the captured links.json's, after
    normalising host, course code and archive names."""
    _goto(page, practice_url)
    real_code = captured_code(step)
    code = practice_code or _code_from_url(page.url)
    real = {normalise(link["href_attr"], CAPTURE_HOST, real_code)
            for link in json.loads((step / "links.json").read_text())["links"]}
    ours = {normalise(h, _host(page.url), code) for h in page.evaluate(_EXTRACT_LINKS, scope)}
    assert ours == real, {"missing": sorted(real - ours), "extra": sorted(ours - real)}


def _host(url: str) -> str:
    m = re.match(r"^(https?://[^/]+)", url)
    return m.group(1) if m else url


def _code_from_url(url: str) -> str | None:
    m = re.search(r"cidReq=([A-Za-z0-9_]+)", url) or re.search(r"/courses/([A-Za-z0-9_]+)/", url)
    return m.group(1) if m else None


def _diff(mine: list, theirs: list) -> str:
    lines = ["controls differ (practice | captured):"]
    for i in range(max(len(mine), len(theirs))):
        a = mine[i] if i < len(mine) else None
        b = theirs[i] if i < len(theirs) else None
        lines.append(f"{'  ' if a == b else '≠ '}{a} | {b}")
    return "\n".join(lines)


def _one_row_box(controls: list[tuple], names: tuple[str, ...]) -> list[tuple]:
    """Each run of per-row checkboxes named in ``names`` as one ``{ROW}`` control."""
    out: list[tuple] = []
    for c in controls:
        if c[1] == "checkbox" and c[2] in names:
            c = c[:4] + ("{ROW}",) + c[5:]
            if out and out[-1] == c:
                continue
        out.append(c)
    return out

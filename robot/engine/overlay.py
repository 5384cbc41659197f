"""What the recorder draws into the page: the outline + caption overlay, and the people blur.

Both are plain DOM/CSS injected by script; the overlay is removed right after its screenshot.
Knows Playwright, nothing about the site it drives."""
from __future__ import annotations

import json

from playwright.sync_api import BrowserContext, Error as PlaywrightError, Locator, Page

OVERLAY_ID = "__robot_rec_overlay"
BLUR_ID = "__robot_rec_blur"

# (el | null, [id, text]) → draws the overlay; scrolls el into view first and outlines it.
_SHOW = """(el, [id, text]) => {
  document.getElementById(id)?.remove();
  let box = null;
  if (el) {
    if (el.scrollIntoViewIfNeeded) el.scrollIntoViewIfNeeded(true); else el.scrollIntoView({block: 'center'});
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) box = r;
  }
  const root = document.createElement('div');
  root.id = id;
  root.style.cssText = 'position:fixed;inset:0;pointer-events:none;z-index:2147483646;';
  if (box) {
    const o = document.createElement('div');
    o.style.cssText = `position:fixed;left:${box.x - 6}px;top:${box.y - 6}px;width:${box.width + 12}px;`
      + `height:${box.height + 12}px;border:4px solid #e6007e;border-radius:6px;box-sizing:border-box;`
      + 'box-shadow:0 0 0 4000px rgba(0,0,0,.15);';
    root.appendChild(o);
  }
  const atTop = box && box.y + box.height / 2 > window.innerHeight * 0.6;
  if (text) {
    const cap = document.createElement('div');
    cap.textContent = text;
    cap.style.cssText = `position:fixed;left:24px;right:24px;${atTop ? 'top' : 'bottom'}:18px;padding:12px 18px;`
      + 'background:rgba(22,24,48,.9);color:#fff;font:600 22px/1.35 system-ui,sans-serif;border-radius:8px;';
    root.appendChild(cap);
  }
  document.documentElement.appendChild(root);
}"""

_HIDE = "id => document.getElementById(id)?.remove()"


def show_overlay(page: Page, locator: Locator | None, text: str) -> None:
    """Draw ``text`` as a banner (none when empty) and outline ``locator``'s element (scrolled into
    view), in one call."""
    if locator is not None:
        try:
            locator.evaluate(_SHOW, [OVERLAY_ID, text], timeout=2000)
            return
        except PlaywrightError:
            pass  # gone or detached: the caption alone
    page.evaluate(f"a => ({_SHOW})(null, a)", [OVERLAY_ID, text])


def hide_overlay(page: Page) -> None:
    try:
        page.evaluate(_HIDE, OVERLAY_ID)
    except PlaywrightError:
        pass


def blur_script(selectors: tuple[str, ...]) -> str:
    css = ", ".join(selectors) + " { filter: blur(7px) !important; }"
    return f"""(() => {{
  const add = () => {{
    if (!document.documentElement || document.getElementById({json.dumps(BLUR_ID)})) return;
    const s = document.createElement('style');
    s.id = {json.dumps(BLUR_ID)};
    s.textContent = {json.dumps(css)};
    (document.head || document.documentElement).appendChild(s);
  }};
  add();
  new MutationObserver((_, obs) => {{ add(); if (document.head) obs.disconnect(); }})
    .observe(document, {{ childList: true, subtree: true }});
  document.addEventListener('DOMContentLoaded', add);
}})();"""


def blur_people(context: BrowserContext, selectors: tuple[str, ...]) -> None:
    """Blur the elements ``selectors`` match on every page of ``context``, from its first paint."""
    if selectors:
        context.add_init_script(script=blur_script(selectors))

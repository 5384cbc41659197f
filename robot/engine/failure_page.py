"""What a failed step leaves of its page — a screenshot and the HTML — with no secret in it.

The page may show a secret: a server page echoing the login POST (a PHP debug error page lists the
posted fields), a "show password" field turned to text. Before the screenshot, ``redact_page``
replaces every occurrence of the run's secrets (and their encoded forms, ``secret_forms``) in the
live page — text, attribute values, form field values, in every frame and open shadow root — by
``<redacted>`` and marks those elements ``data-robot-redacted``, which the screenshot then masks
too, as it masks password fields. The run
is over when this happens (the step failed for good), so changing its page costs nothing.
``clean_html`` does the same to the saved HTML and masks the browser's cookie values in it — only
values long enough to be secrets (``trace_mask.MIN_FREE_TEXT``): a cookie ``0`` or ``en`` left as
it is, or every digit of the page's addresses would be masked with it.
"""
from __future__ import annotations

from typing import Iterable

from playwright.sync_api import Page

from .redact import MASK as REDACTED, secret_forms
from .trace_mask import MASK as COOKIE_MASK, MIN_FREE_TEXT

REDACTED_ATTRIBUTE = "data-robot-redacted"
REDACTED_SELECTOR = f"[{REDACTED_ATTRIBUTE}]"

_REDACT_JS = """
([needles, mask, mark]) => {
  const hide = (text) => { for (const n of needles) text = text.split(n).join(mask); return text; };
  const holds = (text) => !!text && needles.some((n) => text.includes(n));
  const bare = new Set(["TITLE", "SCRIPT", "STYLE", "TEXTAREA", "OPTION", "NOSCRIPT"]);
  let count = 0;
  // the document, then every open shadow root inside it (what the screenshot shows of them)
  const roots = document.documentElement ? [document.documentElement] : [];
  for (let i = 0; i < roots.length; i++) {
    const root = roots[i];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const texts = [];
    while (walker.nextNode()) if (holds(walker.currentNode.nodeValue)) texts.push(walker.currentNode);
    for (const node of texts) {
      node.nodeValue = hide(node.nodeValue);
      const parent = node.parentElement;
      if (parent && !bare.has(parent.tagName)) {  // its own masked box, not its whole parent's
        const box = document.createElement("span");
        box.setAttribute(mark, "");
        parent.replaceChild(box, node);
        box.appendChild(node);
      }
      count++;
    }
    for (const el of root.querySelectorAll("*")) {
      if (el.shadowRoot) roots.push(el.shadowRoot);
      for (const attr of Array.from(el.attributes)) {
        if (holds(attr.value)) { el.setAttribute(attr.name, hide(attr.value)); el.setAttribute(mark, ""); count++; }
      }
      if ("value" in el && typeof el.value === "string" && holds(el.value)) {
        el.value = ""; el.setAttribute(mark, ""); count++;
      }
    }
  }
  return count;
}
"""


def needles(secrets: Iterable[str]) -> list[str]:
    """Every form of every secret, longest first (so a longer form is replaced whole)."""
    found: set[str] = set()
    for secret in secrets:
        if secret:
            found |= secret_forms(secret)
    return sorted(found, key=len, reverse=True)


def redact_page(page: Page, secrets: Iterable[str]) -> int:
    """Replace the secrets in the live page (see the module's docstring); how many spots."""
    wanted = needles(secrets)
    if not wanted:
        return 0
    return sum(int(frame.evaluate(_REDACT_JS, [wanted, REDACTED, REDACTED_ATTRIBUTE]) or 0) for frame in page.frames)


def clean_html(html: str, *, cookie_values: Iterable[str] = (), secrets: Iterable[str] = ()) -> str:
    """``html`` with the secrets redacted and the cookie values long enough to be secrets masked."""
    for needle in needles(secrets):
        html = html.replace(needle, REDACTED)
    for value in sorted({v for v in cookie_values if v and len(v) >= MIN_FREE_TEXT}, key=len, reverse=True):
        html = html.replace(value, COOKIE_MASK)
    return html

"""The front-end libraries load at Chamilo's paths; main.<language>.js helpers behave."""
from __future__ import annotations

import pytest

from practice_server.assets import vendor_ready


@pytest.mark.skipif(not vendor_ready(), reason="run python -m practice_server.assets")
def test_libraries_load(open_page, server_url):
    page = open_page("en")
    failed = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and "favicon" not in r.url else None)
    page.goto(f"{server_url}/index.php")
    info = page.evaluate("""() => ({jquery: window.jQuery && jQuery.fn.jquery,
        modal: !!(window.jQuery && jQuery.fn.modal), selectpicker: !!(window.jQuery && jQuery.fn.selectpicker),
        ckeditor: window.CKEDITOR && CKEDITOR.version})""")
    assert info == {"jquery": "3.6.4", "modal": True, "selectpicker": True, "ckeditor": "4.6.2 (Standard)"}
    assert failed == []


@pytest.mark.parametrize("lang, text", [("en", "Please confirm your choice"), ("fr", "Veuillez confirmer votre choix")])
def test_action_click_confirms_then_posts_the_action(open_page, server_url, lang, text):
    page = open_page(lang)
    page.goto(f"{server_url}/index.php")
    page.evaluate("""() => {
        const f = document.createElement('form'); f.id = 'f1'; f.method = 'post'; f.action = '/index.php';
        f.innerHTML = '<input type="checkbox" name="user[]" value="7">'
            + '<a id="go" data-action="unsubscribe" href="#" onclick="javascript:action_click(this, \\'f1\\');">x</a>';
        document.body.appendChild(f);
    }""")
    assert page.evaluate("setCheckbox(true, 'f1'), document.querySelector('#f1 input').checked") is True
    seen = []

    def answer(dialog, accept):
        seen.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda d: answer(d, False))
    page.click("#go")
    assert seen == [text]
    page.once("dialog", lambda d: answer(d, True))
    with page.expect_request(lambda r: r.method == "POST") as req:
        page.click("#go")
    assert seen == [text, text]
    assert req.value.post_data == "user%5B%5D=7&action=unsubscribe"
    # let the form's navigation finish before the page is closed: closing it mid-navigation,
    # right after a dialog, hung page.close() about one run in six
    page.wait_for_load_state("networkidle")

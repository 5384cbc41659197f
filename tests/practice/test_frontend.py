"""The front-end libraries load at Chamilo's paths; main.<language>.js helpers behave."""
from __future__ import annotations

import pytest

from practice_server.assets import vendor_ready

from .helpers import login


@pytest.mark.skipif(not vendor_ready(), reason="run python -m practice_server.assets")
def test_libraries_load(open_page, server_url):
    """A logged-in page loads every library at the version Chamilo 1.11.32 ships (asset_catalog.py),
    with no failed request."""
    page = open_page("en")
    failed = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    login(page, server_url, via_form=False)
    page.goto(f"{server_url}/user_portal.php")
    page.wait_for_load_state("networkidle")
    info = page.evaluate("""() => ({jquery: jQuery.fn.jquery, ui: jQuery.ui.version,
        modal: !!jQuery.fn.modal, selectpicker: jQuery.fn.selectpicker.Constructor.VERSION,
        select2: !!jQuery.fn.select2, chosen: !!jQuery.fn.chosen, datetimepicker: !!jQuery.fn.datetimepicker,
        daterangepicker: !!jQuery.fn.daterangepicker, scrollbar: !!jQuery.fn.scrollbar, moment: moment.version,
        timeago: !!jQuery.timeago, readmore: !!jQuery.fn.readmore, cookies: !!window.Cookies,
        mediaelement: mejs.version, linkify: !!jQuery.fn.linkify, modernizr: Modernizr._version,
        ckeditor: CKEDITOR.version})""")
    assert info == {"jquery": "2.2.4", "ui": "1.12.1", "modal": True, "selectpicker": "1.13.17", "select2": True,
                    "chosen": True, "datetimepicker": True, "daterangepicker": True, "scrollbar": True,
                    "moment": "2.30.1", "timeago": True, "readmore": True, "cookies": True, "mediaelement": "4.2.16",
                    "linkify": True, "modernizr": "2.8.3", "ckeditor": "4.6.2 (Standard)"}
    assert failed == []


@pytest.mark.parametrize("lang, text", [("en", "Please confirm your choice"), ("fr", "Veuillez confirmer votre choix")])
def test_action_click_confirms_then_posts_the_action(open_page, server_url, lang, text):
    # a context of its own, closed whole at the end: page.close() right after a dialog and the
    # form's navigation sometimes never returned (the test's teardown then hung until its timeout)
    page = open_page(lang, fresh=True)
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
    page.wait_for_load_state("networkidle")  # the form's navigation, before the context closes

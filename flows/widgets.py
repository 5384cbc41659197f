"""Choosing an option of a Chamilo <select>, the way a user does.

Chamilo 1.11 dresses most selects as bootstrap-select widgets: the native <select> stays in the
page (transparent) and a button + a dropdown list stand for it. When the widget is there, the
robot clicks the button, then the list item of the option (found by the option's *position*,
itself found by its value — never by its translated text), and checks that the native select now
holds the value (the widget keeps them in sync). Without the widget (its JavaScript missing, or a
plain select) it selects the native option by value.
"""
from __future__ import annotations

from playwright.sync_api import Error as PlaywrightError, Locator

from robot.engine.steps import StepContext
from robot.errors import StepFailed


def option_values(select: Locator) -> list[str]:
    return select.first.evaluate("sel => Array.from(sel.options).map(o => o.value)")


def option_texts(select: Locator) -> list[str]:
    return select.first.evaluate("sel => Array.from(sel.options).map(o => o.text.trim())")


def choose_option(s: StepContext, select: Locator, value: str) -> str:
    """Select ``value`` in ``select``; returns "widget" or "native" (how it was done)."""
    select = select.first
    values = option_values(select)
    if value not in values:
        raise StepFailed(f"the list has no option {value!r} (it offers: {', '.join(values) or 'nothing'})")
    select_id = select.get_attribute("id") or ""
    button = s.page.locator(s.k.widgets.picker_button(select_id)) if select_id else None
    if button is not None and button.count() and button.first.is_visible():
        index = values.index(value)
        s.click(button, navigates=False)
        menu = button.first.locator("xpath=..").locator(s.k.widgets.picker_menu).first
        item = menu.locator(s.k.widgets.picker_items).nth(index).locator("a").first
        try:
            item.wait_for(state="visible", timeout=s.timeout_ms)
            s.click(item, navigates=False)
        except PlaywrightError:
            pass
        if select.input_value() == value:
            return "widget"
        # the widget did not take the click (or is not the version we know): fall back to the
        # native select, which the form posts anyway, and close the list
        s.page.keyboard.press("Escape")
    s.mark(select)
    select.select_option(value=value, force=True)
    if select.input_value() != value:
        raise StepFailed(f"could not choose {value!r} in the list")
    # keep a widget (if any) showing the same choice
    select.evaluate("sel => { if (window.jQuery && jQuery(sel).selectpicker) { try { jQuery(sel).selectpicker('refresh'); } catch (e) {} } }")
    return "native"

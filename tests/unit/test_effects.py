"""The engine's reliability rule, as declared by the flows: every step that changes the site says
how to tell whether its effect is already there (robot/engine/steps.py, Effect)."""
from __future__ import annotations

import importlib
import pkgutil

import flows
from robot.engine.steps import Step


def site_changing_steps() -> list[tuple[str, Step]]:
    found = []
    for info in pkgutil.iter_modules(flows.__path__):
        module = importlib.import_module(f"flows.{info.name}")
        for obj in vars(module).values():
            if isinstance(obj, Step) and obj.changes_site:
                found.append((f"{info.name}.{obj.name}", obj))
    return found


def test_there_are_site_changing_steps():
    names = {name for name, _ in site_changing_steps()}
    assert {"announce.click_publish", "copy_course.submit_copy", "create_course.submit_create_course",
            "delete.click_yes_delete"} <= names


def test_every_site_changing_step_can_tell_whether_it_is_done():
    lacking = [name for name, st in site_changing_steps() if st.effect is None or st.effect.check is None]
    assert not lacking, f"site-changing steps without an effect check: {lacking}"


def test_every_effect_says_where_a_person_would_look():
    for name, st in site_changing_steps():
        assert st.effect is not None and st.effect.where, name

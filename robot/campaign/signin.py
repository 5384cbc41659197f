"""How a campaign worker signs in, once: one small function, so that another way in (single sign-on,
issue 14) can take its place. It gets the worker's browser and the settings, and returns the
session's storage state (cookies), kept in memory by the worker and never written anywhere."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from flows.common import LOGIN_STEPS, Site
from robot.commands.run.common import run_steps, site_of
from robot.config import Config
from robot.engine.browser import BrowserHost

SignIn = Callable[[BrowserHost, Config], dict]


@dataclass
class SignInParams:
    site: Site


def password_sign_in(host: BrowserHost, config: Config) -> dict:
    """The login form, in a context of its own on ``host``; the signed-in session's storage state."""
    kept: dict[str, Any] = {}

    def keep(session: Any, outcome: Any, tracer: Any) -> None:
        kept["state"] = session.context.storage_state()

    run_steps(config, list(LOGIN_STEPS), SignInParams(site_of(config)), "sign-in", host=host, login_steps=[],
              after=keep)
    return kept["state"]

"""How a browser run signs in and how it ends: the login mode's steps (flows/login.py), the saved
session it starts from (robot/sessions.py), and, once its steps are done, either the session saved
again (a run that started from it keeps it alive) or a logout (a run that typed the password signs
out, so its session cookie dies with it). Also the sign-in a campaign shares between its workers:
``sign_in_once``.
"""
from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from flows.common import Site, session_check
from flows.diagnose import diagnose
from flows.knowledge import for_version
from flows.login import SIGNED_IN, log_out, signed_in_here, steps_for
from robot import sessions
from robot.config import SECRET_ENV_KEYS, Config
from robot.engine.browser import BrowserHost
from robot.engine.run import RunOutcome, RunSettings, execute
from robot.engine.steps import Step
from robot.errors import UsageError
from robot.tls import browser_args_for

log = logging.getLogger("robot")


def settings_from(config: Config, run_name: str, **extra: Any) -> RunSettings:
    """A browser run's settings. With a CA bundle, the certificates the browser trusts are the
    site's and, when the site sends browsers to an identity provider, the provider's (both checked
    against the bundle first, robot/tls.py)."""
    if config.ca_bundle and "browser_args" not in extra:
        extra["browser_args"] = browser_args_for(config.url, config.ca_bundle,
                                                 follow=for_version("1.11").urls.sso_entry)
    if not config.headed:  # nobody watches: no pictures, fonts or background polls, no waiting for them
        extra.setdefault("blocked_urls", for_version("1.11").unread.urls)
    else:
        extra.setdefault("wait_until", "load")
    if config.progress and "progress" not in extra:
        from robot.engine.progress import TerminalProgress
        extra["progress"] = TerminalProgress(sys.stderr)
    extra.setdefault("secrets", (config.password.reveal(),) if config.password else ())
    return RunSettings(lang=config.lang, browser=config.browser, headed=config.headed,
                       slow_mo=config.slow_mo, step_timeout=config.step_timeout,
                       long_timeout=config.long_timeout, attempts=config.attempts,
                       failures_dir=config.recordings / "failures", run_name=run_name,
                       secret_selectors=('input[type="password"]',), hidden_env=SECRET_ENV_KEYS, **extra)


@dataclass
class LoginPlan:
    """How one browser run signs in, and what it does with the session at its end.

    ``storage_state``: what the browser context starts with (a saved session, or a campaign's
    shared sign-in), None for a fresh one. ``keep``: the run started from a saved session: it keeps
    it alive and saves it again at its end (``save_to``). Otherwise the run signs out at its end
    (``site_only``: without ending the identity provider's session, shared with other workers)."""

    mode: str
    steps: list[Step]
    storage_state: dict[str, Any] | None = None
    keep: bool = False
    save_to: Path | None = None
    site_only: bool = False


def plan_for(config: Config) -> LoginPlan:
    """The saved session of the site and user, when there is one; `session` needs one."""
    state = sessions.read(config.session_file, site=config.url, username=config.username)
    if state is None and config.login == "session":
        raise UsageError(f"no saved session for {config.username!r} on {config.url} (looked for "
                         f"{config.session_file}): run `robot login` first (--headed to sign in by hand), "
                         "or give the file with --session / CHAMILO_SESSION")
    return LoginPlan(mode=config.login, steps=steps_for(config.login), storage_state=state,
                     keep=state is not None, save_to=config.session_file if state is not None else None)


def at_end(plan: LoginPlan, config: Config) -> Callable[[Any, RunOutcome, BaseException | None], None]:
    """execute()'s ``at_end``: save the session again, or sign out (best effort, failed runs too)."""
    k = for_version("1.11")

    def finish(session: Any, outcome: RunOutcome, error: BaseException | None) -> None:
        page = session.page
        if plan.keep:
            if plan.save_to is not None and outcome.data.get(SIGNED_IN) and signed_in_here(page, k, config.url):
                sessions.write(plan.save_to, session.context.storage_state(), site=config.url,
                               username=config.username, login=config.login)
                log.debug("saved session refreshed: %s", plan.save_to)
            return
        if not outcome.data.get(SIGNED_IN):  # never signed in (or the session was gone already)
            return
        if log_out(page, k, config.url, site_only=plan.site_only, timeout_ms=config.step_timeout * 1000):
            log.debug("signed out of the site: this run's session cookie is dead")

    return finish


# --- a campaign: one sign-in shared by several workers --------------------------------------------

@dataclass
class SharedSignIn:
    """One sign-in for a whole campaign (see ``sign_in_once``)."""

    mode: str
    worker_state: dict[str, Any] | None   # each worker's context starts from it; None: each worker signs in itself
    login_steps: list[Step]               # each worker's login steps (its first steps, and execute's login_steps)
    from_saved: bool                      # it came from the saved session file (kept; nothing to end)
    provider_state: dict[str, Any] | None = field(default=None, repr=False)  # for end(): the provider's cookies

    def plan(self) -> LoginPlan:
        """The LoginPlan of one worker's run (run_steps(..., login=shared.plan()))."""
        return LoginPlan(mode=self.mode, steps=self.login_steps, storage_state=self.worker_state,
                         keep=False, site_only=self.worker_state is not None)


def sign_in_once(config: Config, *, host: BrowserHost | None = None) -> SharedSignIn:
    """Sign in once for ``config``'s site and user, and return what several independent worker
    browser contexts start from.

    Chamilo keeps ONE ``sec_token`` per PHP session (``Security::get_token()`` stores it in
    ``$_SESSION['sec_token']``): two workers sharing one Chamilo session cookie (``ch_sid``) would
    spoil each other's forms. So the workers never share it:

    * ``sso`` (and ``session`` when the saved session holds the identity provider's cookies): the
      identity provider's cookies (CAS ``CASTGC``…) are shared, Chamilo's are not.
      ``worker_state`` is the signed-in storage state minus Chamilo's session cookie; each worker's
      first step (``open_sign_in_page`` / ``open_site_signed_in``) then gets a Chamilo session of
      its own through the provider's silent round trip (UI-REFERENCE §13.5, capture 30e): one
      password login on the provider for the whole campaign. A worker signs out of Chamilo at its
      end without ending the provider's session (``site_only``); ``end_shared_sign_in`` ends that.
      The saved session file, when there is one, is used (and checked) instead of typing the password.
    * ``form``: nothing can be shared: ``worker_state`` is None and each worker signs in itself
      with ``login_steps`` (and signs out at its end).

    A worker runs ``run_steps(config, steps, params, run_name, login=shared.plan())``. With
    ``session`` and a saved session that holds no provider cookie (a site signing in with its own
    form), sharing is impossible: UsageError — run the courses one after the other.
    """
    mode = config.login
    if mode == "form":
        return SharedSignIn(mode=mode, worker_state=None, login_steps=steps_for("form"), from_saved=False)
    plan = plan_for(config)
    k = for_version("1.11")
    holder: dict[str, Any] = {}

    def keep_state(session: Any, outcome: RunOutcome, error: BaseException | None) -> None:
        if error is None and outcome.data.get(SIGNED_IN):
            holder["state"] = session.context.storage_state()
            if plan.keep and plan.save_to is not None:
                sessions.write(plan.save_to, holder["state"], site=config.url, username=config.username,
                               login=config.login)

    settings = replace(settings_from(config, "sign-in"), trace=False, storage_state=plan.storage_state)
    params = _SignInParams(site=Site(base_url=config.url, username=config.username, password=config.password,
                                     login=mode, allow_insecure_http=config.allow_insecure_http))
    execute(plan.steps, settings=settings, knowledge=k, params=params, login_steps=plan.steps,
            navigation_check=session_check, diagnose=diagnose, host=host, at_end=keep_state)
    state = holder["state"]
    worker = without_site_session(state, k, config.url)
    if not worker["cookies"]:
        raise UsageError("the saved session holds no identity provider cookie to share between workers: "
                         "run the courses one after the other, or use --login sso")
    return SharedSignIn(mode=mode, worker_state=worker, login_steps=steps_for(mode), from_saved=plan.keep,
                        provider_state=state)


def end_shared_sign_in(config: Config, shared: SharedSignIn, *, host: BrowserHost | None = None) -> None:
    """At the end of a campaign: sign out of the site and the identity provider, unless the sign-in
    came from the saved session file (then it stays alive for the next command). Best effort."""
    if shared.from_saved or shared.provider_state is None:
        return
    settings = replace(settings_from(config, "sign-out"), trace=False, storage_state=shared.provider_state)
    k = for_version("1.11")

    def sign_out(session: Any, outcome: RunOutcome, error: BaseException | None) -> None:
        log_out(session.page, k, config.url, timeout_ms=config.step_timeout * 1000)

    try:
        execute([], settings=settings, knowledge=k, params=None, login_steps=[], host=host, at_end=sign_out)
    except Exception as err:  # noqa: BLE001 - signing out is best effort
        log.warning("could not sign out at the end of the campaign: %s", err)


def without_site_session(state: dict[str, Any], k: Any, base_url: str) -> dict[str, Any]:
    """``state`` without Chamilo's session cookie (its host's), so that browsers started from it
    share the identity provider's session but each gets a Chamilo session of its own."""
    from urllib.parse import urlsplit

    host = (urlsplit(base_url).hostname or "").lower()
    cookies = [c for c in state.get("cookies") or []
               if not (c.get("name") in k.session.cookie_names and str(c.get("domain", "")).lstrip(".").lower() == host)]
    return {"cookies": cookies, "origins": list(state.get("origins") or [])}


@dataclass
class _SignInParams:
    site: Site

"""robot login: sign in once (the robot, or a person in a visible browser) and save the session."""
from __future__ import annotations

import argparse
import getpass
import logging
from dataclasses import dataclass, replace
from typing import Any

from flows.common import Site, session_check
from flows.diagnose import diagnose
from flows.login import BY_HAND_STEPS, SIGNED_IN, signed_in_here, steps_for
from robot import sessions
from robot.config import Config, load, with_password
from robot.engine.run import RunOutcome, execute
from robot.errors import RobotError, UsageError
from robot.texts import Say

from ..context import Context
from ..login import NAME
from .common import knowledge, warm_host
from .signin import settings_from

log = logging.getLogger("robot")


@dataclass
class LoginParams:
    site: Site
    wait_seconds: float = 600.0


def login_config(args: argparse.Namespace, ctx: Context) -> Config:
    """The settings of robot login / logout (flags > environment > .env > defaults)."""
    flags = {"url": args.url, "username": args.username, "browser": args.browser, "step_timeout": args.step_timeout,
             "allow_insecure_http": args.allow_insecure_http, "ca_bundle": args.ca_bundle, "login": args.login,
             "session": args.session, "lang": getattr(args, "lang", None), "headed": getattr(args, "headed", None)}
    return load(flags, ctx.environ, args.env_file)


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = login_config(args, ctx)
    by_hand = bool(args.headed)
    if config.login == "session" and not by_hand:
        raise UsageError("with --login session the robot never types a password, so it cannot sign in by itself",
                         hint="robot login --headed (you sign in), or --login sso / form (the robot signs in)")
    if not by_hand and not config.password:
        if not ctx.stdin_isatty:
            raise UsageError("no password: set CHAMILO_PASSWORD (environment or .env); there is no terminal to ask "
                             "for it (or sign in yourself: robot login --headed)")
        config = with_password(config, getpass.getpass(f"Password of {config.username}: "))
    if config.password:
        ctx.redactor.add(config.password.reveal())
    k = knowledge()
    site = Site(base_url=config.url, username=config.username, password=config.password, login=config.login,
                allow_insecure_http=config.allow_insecure_http)
    steps = BY_HAND_STEPS if by_hand else steps_for(config.login)
    saved: dict[str, Any] = {}

    def save(session: Any, outcome: RunOutcome, error: BaseException | None) -> None:
        if error is None and outcome.data.get(SIGNED_IN) and signed_in_here(session.page, k, config.url):
            saved["path"] = sessions.write(config.session_file, session.context.storage_state(), site=config.url,
                                           username=config.username, login="by hand" if by_hand else config.login)

    settings = replace(settings_from(config, NAME), trace=False, headed=by_hand, attempts=1 if by_hand else
                       config.attempts)
    outcome = execute(steps, settings=settings, knowledge=k, params=LoginParams(site, float(args.wait)),
                      login_steps=[], navigation_check=session_check, diagnose=diagnose, at_end=save,
                      host=warm_host(ctx, settings))
    if "path" not in saved:
        raise RobotError("signed in, but the session could not be saved (see the warning above)")
    out, say = ctx.output, Say(config.lang)
    how = say("by hand", "à la main") if by_hand else config.login
    out.line(say("Signed in to {url} as {user} ({how}); session saved in {path} (mode 0600).",
                 "Connecté à {url} en tant que {user} ({how}) ; session enregistrée dans {path} (mode 0600).",
                 url=config.url, user=config.username, how=how, path=saved["path"]))
    out.line(say("The next commands use it (add --login session to never type a password); `robot logout` ends it.",
                 "Les commandes suivantes l'utilisent (ajoutez --login session pour ne jamais saisir de mot de passe) ; "
                 "`robot logout` y met fin."))
    out.document(NAME, True, site=config.url, username=config.username, session_file=str(saved["path"]),
                 login="by hand" if by_hand else config.login, seconds=round(outcome.duration, 3))
    return 0

"""robot logout: end the saved session on the site (and its identity provider's), delete the file."""
from __future__ import annotations

import argparse
import logging
from dataclasses import replace
from typing import Any

from flows.login import log_out
from robot import sessions
from robot.engine.run import RunOutcome, execute
from robot.errors import RobotError
from robot.texts import Say

from ..context import Context
from ..logout import NAME
from .common import knowledge, warm_host
from .login import login_config
from .signin import settings_from

log = logging.getLogger("robot")


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = login_config(args, ctx)
    path = config.session_file
    state = sessions.read(path, site=config.url, username=config.username)
    out, say = ctx.output, Say(config.lang)
    if state is None:
        out.line(say("No saved session for {user} on {url} ({path}): nothing to do.",
                     "Aucune session enregistrée pour {user} sur {url} ({path}) : rien à faire.",
                     user=config.username, url=config.url, path=path))
        out.document(NAME, True, session_file=str(path), deleted=False, signed_out=False)
        return 0
    ended: dict[str, Any] = {}

    def sign_out(session: Any, outcome: RunOutcome, error: BaseException | None) -> None:
        ended["done"] = log_out(session.page, knowledge(), config.url, timeout_ms=config.step_timeout * 1000)

    try:
        settings = replace(settings_from(config, NAME), trace=False, storage_state=state)
        execute([], settings=settings, knowledge=knowledge(), params=None, login_steps=[], at_end=sign_out,
                host=warm_host(ctx, settings))
    except RobotError as err:
        log.warning("could not reach the site to end the session: %s", err.message)
    finally:
        sessions.delete(path)
    signed_out = bool(ended.get("done"))
    out.line(say("Deleted the saved session {path}; ", "Session enregistrée {path} supprimée ; ", path=path) + (
        say("the session on the site is ended.", "la session sur le site est terminée.") if signed_out else
        say("the site no longer knew it (expired already), or could not be reached.",
            "le site ne la connaissait plus (déjà expirée), ou n'a pas pu être joint.")))
    out.document(NAME, True, session_file=str(path), deleted=True, signed_out=signed_out)
    return 0

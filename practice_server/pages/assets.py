"""Front-end files at Chamilo's paths: ``/web/assets/<lib>/...`` from static/vendor/ (fetched from
the npm registry by ``python -m practice_server.assets``), ``/web/build/main.<language>.js`` and
``/web/css/practice.css`` from static/.  Missing vendor files answer 404 and log one warning."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Blueprint, Response, abort, send_from_directory

from .. import assets as assetsmod
from ..assets import URL_TO_VENDOR

bp = Blueprint("assets", __name__)
log = logging.getLogger("practice_server")

STATIC = Path(__file__).resolve().parent.parent / "static"
_warned = False

_MAIN_JS_STRINGS = {
    "english": {"ConfirmYourChoice": "Please confirm your choice"},
    "french": {"ConfirmYourChoice": "Veuillez confirmer votre choix"},
}


def _warn_missing() -> None:
    global _warned
    if not _warned:
        _warned = True
        log.warning("practice_server: front-end libraries missing in %s; run `python -m practice_server.assets`",
                    assetsmod.VENDOR_DIR)


@bp.route("/web/assets/<lib>/<path:rest>")
def vendor(lib: str, rest: str):
    folder = URL_TO_VENDOR.get(lib)
    if folder is None:
        abort(404)
    root = assetsmod.VENDOR_DIR / folder
    if not root.is_dir():
        _warn_missing()
        abort(404)
    response = send_from_directory(root, rest, max_age=3600)
    return response


@bp.route("/web/build/main.<language>.js")
def main_js(language: str):
    strings = _MAIN_JS_STRINGS.get(language)
    if strings is None:
        abort(404)
    import json

    code = (STATIC / "js" / "main.js").read_text(encoding="utf-8")
    head = f"/* practice Chamilo main.{language}.js */\nvar CHAMILO_LANG = {json.dumps(strings, ensure_ascii=False)};\n"
    return Response(head + code, mimetype="application/javascript", headers={"Cache-Control": "max-age=3600"})


# One generic picture stands for every Chamilo image (/main/img/...): tool icons keep their
# alt/title, pages look like pages.  Icons (icons/...) are a rounded square, others a small dot.
_ICON_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">'
             '<rect x="6" y="6" width="52" height="52" rx="10" fill="#5b9bd5"/>'
             '<rect x="20" y="16" width="24" height="32" rx="2" fill="#fff"/>'
             '<rect x="24" y="23" width="16" height="3" fill="#5b9bd5"/><rect x="24" y="30" width="16" height="3" fill="#5b9bd5"/>'
             '<rect x="24" y="37" width="10" height="3" fill="#5b9bd5"/></svg>')
_DOT_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">'
            '<circle cx="8" cy="8" r="5" fill="#5b9bd5"/></svg>')


@bp.route("/main/img/<path:rest>")
def chamilo_image(rest: str):
    svg = _ICON_SVG if rest.startswith("icons/") else _DOT_SVG
    return Response(svg, mimetype="image/svg+xml", headers={"Cache-Control": "max-age=3600"})


@bp.route("/web/css/practice.css")
def practice_css():
    return send_from_directory(STATIC / "css", "practice.css", max_age=3600)


def vendor_status() -> bool:
    ok = assetsmod.vendor_ready(assetsmod.VENDOR_DIR)
    if not ok:
        _warn_missing()
    return ok

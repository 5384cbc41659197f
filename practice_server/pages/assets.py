"""Front-end files at Chamilo's paths.

- ``/web/assets/<lib>/...`` and chosen, the theme's fonts: public npm packages in static/vendor/
  (fetched by ``python -m practice_server.assets``; see asset_catalog.py).
- Chamilo's own style sheets and scripts (``/web/css/...``, ``/main/inc/lib/javascript/...``):
  small stand-ins of our own in static/standins/, the editor's configuration and Chamilo's editor
  plugins from editor_standins.py, ``/web/build/main.<language>.js`` from static/js/main.js.
- Every image (``/main/img/...``, the theme's images, editor icons): a PNG of our own (pictures.py).

Missing vendor files answer 404 and log one warning."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from flask import Blueprint, Response, abort, request, send_from_directory

from .. import assets as assetsmod
from .. import editor_standins, pictures, web
from ..assets import FILE_ALIASES, URL_TO_VENDOR

bp = Blueprint("assets", __name__)
log = logging.getLogger("practice_server")

STATIC = Path(__file__).resolve().parent.parent / "static"
STANDINS = STATIC / "standins"
CACHE = 3600
_IMAGE_SUFFIXES = (".png", ".gif", ".jpg", ".jpeg")
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


def _vendor_file(rel: str):
    folder = rel.split("/", 1)[0]
    if not (assetsmod.VENDOR_DIR / folder).is_dir():
        _warn_missing()
        abort(404)
    return send_from_directory(assetsmod.VENDOR_DIR, rel, max_age=CACHE)


def _picture(path: str) -> Response:
    return Response(pictures.picture(path), mimetype="image/png", headers={"Cache-Control": f"max-age={CACHE}"})


def _text(body: str, mimetype: str) -> Response:
    return Response(body, mimetype=mimetype, headers={"Cache-Control": f"max-age={CACHE}"})


@bp.route("/web/assets/<lib>/<path:rest>")
def vendor(lib: str, rest: str):
    alias = FILE_ALIASES.get(request.path)
    if alias:
        return _vendor_file(alias)
    folder = URL_TO_VENDOR.get(lib)
    if folder is None:
        abort(404)
    return _vendor_file(f"{folder}/{rest}")


@bp.route("/web/css/<path:rest>")
def chamilo_css(rest: str):
    alias = FILE_ALIASES.get(request.path)
    if alias:
        return _vendor_file(alias)
    if rest.lower().endswith(_IMAGE_SUFFIXES):
        return _picture(request.path)
    return send_from_directory(STANDINS / "web" / "css", rest, max_age=CACHE)


@bp.route("/main/inc/lib/javascript/<path:rest>")
def chamilo_javascript(rest: str):
    alias = FILE_ALIASES.get(request.path)
    if alias:
        return _vendor_file(alias)
    if rest.lower().endswith(_IMAGE_SUFFIXES):
        return _picture(request.path)
    if rest == "ckeditor/config_js.php":
        return _text(editor_standins.config_js(web.base_url()), "application/javascript")
    if rest.startswith("ckeditor/plugins/"):
        name, _, inner = rest[len("ckeditor/plugins/"):].partition("/")
        found = editor_standins.plugin_file(name, inner)
        if found is None or found[0] is None:
            abort(404)
        return _text(*found)
    return send_from_directory(STANDINS / "main" / "inc" / "lib" / "javascript", rest, max_age=CACHE)


@bp.route("/web/build/main.<language>.js")
def main_js(language: str):
    strings = _MAIN_JS_STRINGS.get(language)
    if strings is None:
        abort(404)
    code = (STATIC / "js" / "main.js").read_text(encoding="utf-8")
    head = f"/* practice Chamilo main.{language}.js */\nvar CHAMILO_LANG = {json.dumps(strings, ensure_ascii=False)};\n"
    return _text(head + code, "application/javascript")


@bp.route("/main/img/<path:rest>")
@bp.route("/web/img/<path:rest>")
def chamilo_image(rest: str):
    return _picture(request.path)


def vendor_status() -> bool:
    ok = assetsmod.vendor_ready(assetsmod.VENDOR_DIR)
    if not ok:
        _warn_missing()
    return ok

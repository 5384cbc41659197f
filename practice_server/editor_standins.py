"""Stand-ins of our own for Chamilo's HTML-editor add-ons: the editor configuration script
(``/main/inc/lib/javascript/ckeditor/config_js.php``) and Chamilo's own CKEditor plugins
(``/main/inc/lib/javascript/ckeditor/plugins/<name>/...``).

A real announcement form makes CKEditor load these (and CKEditor's own optional plugins, served
from the npm package): 45 plugin scripts, their language files, a few icons and style sheets.
The stand-ins register plugins of the same names that do nothing but fetch the same kinds of
files, so the page weighs what the real one does; none of Chamilo's code is copied.
"""

from __future__ import annotations

import json

# CKEditor's own optional plugins that Chamilo's editor configuration switches on (the order the
# captured announcement form loaded them in), then Chamilo's plugins (CHAMILO_PLUGINS below)
EXTRA_PLUGINS = [
    "adobeair", "bidi", "ajax", "audio", "colorbutton", "image2_chamilo", "colordialog", "dialogadvtab", "div",
    "docprops", "find", "flash", "font", "iframedialog", "iframe", "language", "indentblock", "newpage",
    "justify", "pagebreak", "selectall", "save", "preview", "print", "sharedspace", "showblocks", "sourcedialog",
    "smiley", "oembed", "liststyle", "video", "tableresize", "stylesheetparser", "templates", "uicolor",
    "wordcount", "qmarkersrolls", "inserthtml", "codesnippet", "youtube", "wikilink", "mapping", "toolbarswitch",
]

# name → what its stand-in fetches: "lang" (languages it ships), "image", "css", "script" (paths
# inside the plugin folder), "requires"
CHAMILO_PLUGINS: dict[str, dict[str, str]] = {
    "audio": {"image": "images/icon.png"},
    "image2_chamilo": {"lang": "en,fr", "requires": "widget"},
    "flash": {"lang": "en,fr"},
    "oembed": {"lang": "en,fr", "script": "libs/jquery.oembed.min.js"},
    "video": {"image": "images/icon.png"},
    "wordcount": {"lang": "en,fr", "css": "css/wordcount.css"},
    "qmarkersrolls": {"lang": "en,fr"},
    "inserthtml": {"image": "inserthtml.png"},
    "youtube": {"lang": "en,fr"},
    "wikilink": {},
    "mapping": {"lang": "es"},
    "toolbarswitch": {"lang": "en,fr", "image": "icons/toolbarswitch.png"},
}

PLUGIN_BASE = "main/inc/lib/javascript/ckeditor/plugins/"


def config_js(base_url: str) -> str:
    """The editor configuration (CKEditor's ``customConfig``)."""
    external = "\n".join(
        f"    CKEDITOR.plugins.addExternal({json.dumps(name)}, {json.dumps(base_url + PLUGIN_BASE + name + '/')}, 'plugin.js');"
        for name in CHAMILO_PLUGINS)
    contents = [base_url + "web/assets/bootstrap/dist/css/bootstrap.min.css",
                base_url + "web/assets/fontawesome/css/font-awesome.min.css",
                base_url + "web/css/editor_content.css"]
    return ("/* practice Chamilo: HTML editor configuration (stand-in of our own) */\n"
            "(function () {\n"
            f"{external}\n"
            "    CKEDITOR.editorConfig = function (config) {\n"
            f"        config.extraPlugins = {json.dumps(','.join(EXTRA_PLUGINS))};\n"
            f"        config.contentsCss = {json.dumps(contents)};\n"
            "        config.allowedContent = true;\n"
            "        config.stylesSet = [];\n"
            "        config.wordcount = {showWordCount: true};\n"
            "    };\n"
            "})();\n")


def plugin_js(name: str) -> str | None:
    spec = CHAMILO_PLUGINS.get(name)
    if spec is None:
        return None
    parts = []
    if spec.get("requires"):
        parts.append(f"requires: {json.dumps(spec['requires'])}")
    if spec.get("lang"):
        parts.append(f"lang: {json.dumps(spec['lang'])}")
    loads = []
    if spec.get("image"):
        loads.append(f"new Image().src = CKEDITOR.getUrl(this.path + {json.dumps(spec['image'])});")
    if spec.get("css"):
        loads.append(f"CKEDITOR.document.appendStyleSheet(this.path + {json.dumps(spec['css'])});")
    if spec.get("script"):
        loads.append(f"CKEDITOR.scriptLoader.load(CKEDITOR.getUrl(this.path + {json.dumps(spec['script'])}));")
    body = " ".join(loads)
    parts.append(f"init: function (editor) {{ {body} }}")
    return (f"/* practice Chamilo: stand-in for the editor plugin {name!r} (of our own; does nothing) */\n"
            f"CKEDITOR.plugins.add({json.dumps(name)}, {{ {', '.join(parts)} }});\n")


def plugin_lang_js(name: str, code: str) -> str | None:
    spec = CHAMILO_PLUGINS.get(name)
    if spec is None or code not in spec.get("lang", "").split(","):
        return None
    return f"CKEDITOR.plugins.setLang({json.dumps(name)}, {json.dumps(code)}, {{title: {json.dumps(name)}}});\n"


def plugin_file(name: str, rest: str) -> tuple[str, str] | None:
    """(body, mimetype) of a text file of plugin ``name`` at ``rest``, or None."""
    spec = CHAMILO_PLUGINS.get(name)
    if spec is None:
        return None
    if rest == "plugin.js":
        return plugin_js(name), "application/javascript"
    if rest.startswith("lang/") and rest.endswith(".js"):
        body = plugin_lang_js(name, rest[5:-3])
        return (body, "application/javascript") if body else None
    if rest == spec.get("css"):
        return f"/* practice Chamilo: {name} */\n.cke_wordcount {{ float: right; color: #777; padding: 2px 6px; }}\n", "text/css"
    if rest == spec.get("script"):
        return f"/* practice Chamilo: {name} helper (stand-in of our own) */\nwindow.practiceOembed = window.practiceOembed || {{}};\n", "application/javascript"
    return None

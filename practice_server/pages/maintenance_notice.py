"""``/maintenance.html`` — the static notice of Chamilo 1.11's ``maintenancemode`` plugin.

The plugin writes the admin's HTML to ``maintenance.html`` at the site root and a rewrite rule in
``.htaccess`` that sends every other URL there (302).  Turning maintenance off removes the rule
but leaves the file, so the page is always served here; the ``maintenance`` fault adds the rule.
"""

from __future__ import annotations

from flask import Blueprint

from .. import error_pages

bp = Blueprint("maintenance_notice", __name__)


@bp.route("/maintenance.html")
def maintenance_html():
    return error_pages.maintenance_page()

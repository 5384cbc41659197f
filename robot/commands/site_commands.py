"""The commands that drive a Chamilo site in a browser, in the guide's order. They take the site
options (``options.add_site_arguments``: --url, --record…); `robot demo` records them; a campaign
runs them on many courses. Light, like every module directly in robot/commands/."""
from __future__ import annotations

from types import ModuleType

from . import announce, archive, backup, copy, create_course, delete, empty, grant, handover, revoke, rollover
from . import restore, unsubscribe_students

SITE_COMMANDS: list[ModuleType] = [backup, create_course, copy, rollover, empty, delete, archive, announce,
                                   unsubscribe_students, grant, revoke, handover, restore]

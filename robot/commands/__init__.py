"""One module per sub-command. Add a module here to add a command."""
from . import backup, demo, sandbox
from . import copy, create_course, rollover  # issue 3: a new course for next year

COMMANDS = [backup, sandbox, demo]
COMMANDS += [create_course, copy, rollover]

from . import campaign  # noqa: E402  (many courses from one plan file)

COMMANDS += [campaign]

# issue 4: keep, close or hand over a course
from . import announce, archive, delete, empty, grant, revoke, unsubscribe_students  # noqa: E402

COMMANDS += [empty, delete, archive, announce, unsubscribe_students, grant, revoke]

"""One module per sub-command. Add a module here to add a command."""
from . import backup, demo, sandbox
from . import copy, create_course, rollover  # issue 3: a new course for next year

COMMANDS = [backup, sandbox, demo]
COMMANDS += [create_course, copy, rollover]

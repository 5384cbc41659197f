"""One module per sub-command. Add a module here to add a command."""
from . import backup, sandbox

COMMANDS = [backup, sandbox]

"""One module per sub-command. Add a module here to add a command."""
from . import backup, demo, sandbox

COMMANDS = [backup, sandbox, demo]

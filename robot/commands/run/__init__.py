"""What each command does when it runs: ``run(args, ctx) -> exit code`` in a module named like the
command's light module one folder up (robot/commands/<name>.py). These modules may import the whole
browser stack (Playwright, flows, cryptography): ``robot.commands.implementation`` imports them only
once a command's arguments are parsed. Shared here: common.py (settings, password, browser run,
dry-run plan), course_admin.py (the backup guard), record.py (--record, --blur-people)."""

"""A campaign: the same procedures on many courses (issue 12). `robot campaign` (the command line:
robot/commands/campaign.py, its run: robot/commands/run/campaign.py) puts these together:

    plan.py      the plan file (TOML or CSV) read and checked, every error with its line
    shards.py    --shard K/N: a stable slice of the plan (sha256 of the course code)
    journal.py   the SQLite journal: every step of every course, for --resume and the report
    worker.py    the workers: a browser each, one sign-in each (robot/commands/run/signin.py: the
                 login mode, sign_in_once), a fresh context per course
    progress.py  live progress (Rich on a terminal, plain lines otherwise)
    report.py    the report (HTML with report.html.j2, and JSON), also of merged shards
"""

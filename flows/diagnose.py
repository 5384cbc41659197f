"""Named diagnoses: turn what a failed step met into what the user should do.

Real Chamilo sites fail in known ways (a proxy cutting long requests, a 413 on big selections, an
archive folder that is not writable, an empty download…). The engine reports *what* happened
(``error.kind``, ``error.status``, the step); this module says what it means for a Chamilo user.
"""
from __future__ import annotations

from robot.engine.steps import Step
from robot.errors import RobotError, StepFailed, VerificationError

DOWNLOADS = {"download_backup"}
NAMED_BY_THE_PAGE = {"database_down", "php_fatal", "unverifiable_change"}  # their message says it all


def diagnose(step: Step, error: RobotError) -> RobotError:
    if not isinstance(error, StepFailed):
        return error
    kind, status, name = error.kind, error.status, step.name
    posts = step.long or step.changes_site  # a form that makes the server work (backup, copy, change)
    if kind in NAMED_BY_THE_PAGE:
        return error
    if kind == "browser_gone":
        return _named(error, "the browser died during this step although a new one had already been started "
                             "in this run: the machine may be short of memory — close other programs (in a "
                             "campaign: fewer --workers) and run again")
    if kind == "tls_untrusted":
        return _named(error, "the site's certificate is not trusted by the browser; if the site uses a "
                             "private certificate authority, pass --ca-bundle FILE (ROBOT_CA_BUNDLE)")
    tries = f"the robot tried {error.attempts} time{'s' if error.attempts != 1 else ''}"
    if kind == "broken_backup":  # flows/backup.py: every zip the site built failed its check
        return _broken_backups(error)
    if status == 413:
        return _named(error, "request too large (HTTP 413): the site refuses a form this big — "
                             "choose fewer items at a time (--items), or everything (no --items)")
    if status in (502, 504) and step.changes_site:
        return _named(error, f"the proxy cut the request (HTTP {status}) before Chamilo answered ({tries}); the "
                             "robot checked and did not find the change on the site — ask the admin to raise the "
                             "proxy timeout, then run the command again")
    if status in (502, 504) and posts:
        return _named(error, f"the proxy cut the request (HTTP {status}) before Chamilo finished — the backup "
                             f"may exist on the server anyway ({tries}); ask the admin to raise the proxy "
                             "timeout, or back up in smaller parts with --items")
    if status in (502, 504):
        return _named(error, f"a proxy in front of Chamilo answered HTTP {status} ({tries}): the site is "
                             "overloaded or down; try again later")
    if status and status >= 500:
        return _named(error, f"Chamilo kept failing with HTTP {status} ({tries}): ask the site's admin to look "
                             "at the PHP error log")
    if kind == "timeout" and posts:
        return _named(error, f"Chamilo did not answer in time ({tries}); a big course can take minutes: "
                             "raise --long-timeout (ROBOT_LONG_TIMEOUT)")
    if kind == "timeout":
        return _named(error, f"the page did not load in time ({tries}); the site is slow: raise --step-timeout")
    if kind == "blank_page":
        return _named(error, f"Chamilo answered a blank page ({tries}): PHP probably ran out of memory or time "
                             "while building the archive — ask the admin to check the PHP error log, or back up "
                             "fewer items (--items)")
    if kind == "token_lost":
        return _named(error, f"the form kept coming back ({tries}): Chamilo rejected its security token "
                             "(sec_token) — is the course open in another tab or robot with the same account?")
    if kind in ("download_broken", "no_download") and name in DOWNLOADS:
        return _named(error, f"the download kept breaking ({tries}); the backup exists on the server — a proxy "
                             "may cut long transfers: ask the admin, or download it from Maintenance by hand")
    if kind == "empty_download":
        return _named(error, f"the server sent an empty file ({tries}): the archive is missing on the server "
                             "(app/cache/course_backups full or not writable?) — ask the Chamilo admin")
    if kind == "page_instead_of_file":
        return _named(error, f"the Download link answered a web page instead of the .zip ({tries}): the session "
                             "may have expired or the archive is not allowed to this account")
    if kind == "session_expired":
        return _named(error, "the session kept expiring even after logging in again: check the site's session "
                             "settings or a proxy dropping cookies")
    return error


def _named(error: StepFailed, hint: str) -> StepFailed:
    error.hint = hint if not error.hint else f"{hint} ({error.hint})"
    return error


def _broken_backups(error: StepFailed) -> VerificationError:
    """Every backup the site built for this run came out broken (exit 5, nothing kept)."""
    made = error.attempts
    hint = (f"the site built the backup {made} time{'s' if made != 1 else ''} and every zip was broken. Chamilo "
            "breaks a backup being built when another backup or an import starts anywhere on the site (it "
            "empties every backup's temporary folder, UI-REFERENCE §17): run it again when nobody else is "
            "backing up or importing courses on this site (at night, or after telling the other teachers); "
            "robots on one machine wait for each other, but not robots on other machines (a campaign's "
            "shards: docs/CAMPAIGN.md). If it keeps failing with nobody else at work, the server may be "
            "short of disk space in app/cache/course_backups: ask the Chamilo admin")
    return VerificationError(error.message, step=error.step, hint=hint, kind=error.kind)

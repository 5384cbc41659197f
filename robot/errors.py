"""Errors the robot raises. Each class carries the exit code of the contract (docs/ARCHITECTURE.md).

Errors are mapped to exit codes in one place only: ``robot.cli.main``.
"""
from __future__ import annotations


class RobotError(Exception):
    """Base class. Unexpected conditions (a bug) exit 1."""

    exit_code = 1

    def __init__(self, message: str, *, step: str | None = None, hint: str | None = None,
                 artifacts: str | None = None, kind: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind  # a short name of what happened, for diagnoses: "http", "timeout", "download", ...
        self.step = step
        self.hint = hint
        self.artifacts = artifacts
        self.run_summary: dict | None = None  # the steps run so far (attempts, relaunches), for --json

    def describe(self) -> str:
        parts = []
        if self.step:
            parts.append(f"step '{self.step}' failed: {self.message}")
        else:
            parts.append(self.message)
        if self.hint:
            parts.append(f"hint: {self.hint}")
        if self.artifacts:
            parts.append(f"screenshot and trace: {self.artifacts}")
        return "\n".join(parts)


class UsageError(RobotError):
    """Bad command line, missing setting, bad plan file."""

    exit_code = 2


class AuthError(RobotError):
    """The site refused the credentials. Never retried."""

    exit_code = 2


class CourseError(RobotError):
    """Course not found, not allowed, or code already exists."""

    exit_code = 3


class StepFailed(RobotError):
    """A step failed after its retries: timeouts, server errors, missing elements."""

    exit_code = 4

    def __init__(self, message: str, *, status: int | None = None, attempts: int = 1, **kw) -> None:
        super().__init__(message, **kw)
        self.status = status
        self.attempts = attempts


class TransientError(RobotError):
    """A failure worth retrying (timeout, 5xx, lost token). Raised inside steps only;
    the engine turns it into StepFailed once the retries are spent."""

    exit_code = 4


class HttpError(TransientError):
    """The server answered 5xx (transient) — kept with its status for the diagnosis."""

    def __init__(self, message: str, *, status: int, url: str = "", **kw) -> None:
        kw.setdefault("kind", "http")
        super().__init__(message, **kw)
        self.status = status
        self.url = url


class BrowserGone(TransientError):
    """The page, its context or the browser process is gone (crash, killed, out of memory): the
    engine starts a new browser, logs in again and replays the step, once per run."""

    def __init__(self, message: str, **kw) -> None:
        kw.setdefault("kind", "browser_gone")
        super().__init__(message, **kw)


class SessionExpired(TransientError):
    """The site sent us back to the login page: log in again once, then retry the step."""


class UnexpectedDialog(RobotError):
    """A JS dialog appeared on a step that does not expect one."""

    exit_code = 4


class VerificationError(RobotError):
    """The downloaded archive or the result of a step did not verify."""

    exit_code = 5


class PartialFailure(RobotError):
    """A campaign finished but some courses failed."""

    exit_code = 6


class Interrupted(Exception):
    """A stop was asked (Ctrl-C or SIGTERM in a campaign): the run stops before a step, between two
    attempts of a step, during the wait before the next attempt, or while waiting for a site-wide
    lock. Not a failure: the course is counted as interrupted and ``--resume`` goes on from there."""

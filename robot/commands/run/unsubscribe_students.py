"""robot unsubscribe-students --course X: every learner out (teachers stay), after a warning
announcement and a verified backup; the roster is saved first.  --restore ROSTER subscribes them back."""
from __future__ import annotations

import argparse
from pathlib import Path

from flows import unsubscribe as unsub_flow
from robot.config import Config
from robot.engine.run import RunOutcome
from robot.errors import UsageError
from robot.texts import Say

from ..unsubscribe_students import NAME
from ..context import Context
from .common import (CommandPlan, Summary, backup_settings, config_from, course_code, knowledge, run_plan,
                     site_of)
from .course_admin import backup_folder, backup_summary, dry_run_notes, guard


def plan(args: argparse.Namespace, config: Config) -> CommandPlan:
    code = course_code(args.course)
    if args.restore:
        return _restore_plan(args, config, code)
    if args.notice_days < 0:
        raise UsageError("--notice-days must be 0 or more")
    roster = Path(args.roster) if args.roster else unsub_flow.default_roster(code)
    if roster.exists():
        raise UsageError(f"the roster {roster} already exists; choose another --roster")
    params = unsub_flow.UnsubscribeParams(site=site_of(config), course=code, out=config.out,
                                          download_timeout=config.long_timeout, roster=roster,
                                          **backup_settings(config), notice_days=args.notice_days, check_notice=not args.no_notice)
    backup_steps = guard(args, params, "unsubscribe the learners", dry_run=args.dry_run)
    say = Say(config.lang)
    width = 9 if say.lang == "en" else 12

    def summarise(outcome: RunOutcome) -> Summary:
        rows = outcome.data.get("roster_rows") or []
        if not rows:
            lines = [say("Course {code} has no learners: nothing to do.",
                         "Le cours {code} n'a pas d'apprenants : rien à faire.", code=code)]
        else:
            lines = [say("{n} learner(s) unsubscribed from {code}; teachers kept.",
                         "{n} apprenant(s) désinscrit(s) de {code} ; les enseignants restent.", n=len(rows), code=code),
                     say.row("roster", "liste", roster.resolve(), width)]
            if outcome.data.get("export_problem"):
                lines.append(say.row("note", "remarque", say(
                    "the CSV export failed ({why}): e-mails are missing",
                    "l'export CSV a échoué ({why}) : il manque les e-mails", why=outcome.data["export_problem"]), width))
            elif not any(r.get("email") for r in rows):
                lines.append(say.row("e-mails", "e-mails", say(*unsub_flow.NO_EMAILS), width))
        notice = outcome.data.get("notice")
        if notice:
            lines.append(say.row("warned", "prévenus", f"{say.quote(notice.title)} ({notice.shown})", width))
        backup_lines, backup_field = backup_summary(outcome, params, say)
        return Summary([*lines, *backup_lines, say.took(outcome.duration, width)],
                       dict(course=code, unsubscribed=len(rows), roster=str(roster.resolve()) if rows else None,
                            roster_emails=sum(bool(r.get("email")) for r in rows),
                            notice={"title": notice.title, "date": notice.shown} if notice else None,
                            seconds=round(outcome.duration, 3), **outcome.summary(), **backup_field))

    return CommandPlan(NAME, code, unsub_flow.steps(knowledge(), params, backup_steps=backup_steps), params,
                       summarise,
                       question=say("Unsubscribe every learner of {code} on {url} (teachers stay; the list is saved "
                                    "to {roster} first)?", "Désinscrire tous les apprenants de {code} sur {url} (les "
                                    "enseignants restent ; la liste est d'abord enregistrée dans {roster}) ?",
                                    code=code, url=config.url, roster=roster),
                       notes=dry_run_notes(args), dry_fields={"course": code, "roster": str(roster)},
                       **backup_folder(params, args.backup_first))


def _restore_plan(args: argparse.Namespace, config: Config, code: str) -> CommandPlan:
    rows = unsub_flow.read_roster(Path(args.restore))
    params = unsub_flow.UnsubscribeParams(site=site_of(config), course=code, restore_rows=rows, check_notice=False)
    say = Say(config.lang)

    def summarise(outcome: RunOutcome) -> Summary:
        done = outcome.data.get("restored", [])
        skipped = outcome.data.get("not_restored", {})
        return Summary([say("{done} of {total} learner(s) of {roster} subscribed back to {code}.",
                            "{done} apprenant(s) sur {total} de {roster} réinscrit(s) dans {code}.", done=len(done),
                            total=len(rows), roster=args.restore, code=code),
                        *(say.row("not restored", "non réinscrit", f"{login}: {why}", 14) for login, why in skipped.items()),
                        say.took(outcome.duration)],
                       dict(course=code, restored=done, not_restored=skipped, seconds=round(outcome.duration, 3),
                            **outcome.summary()))

    plan = CommandPlan(NAME, code, unsub_flow.restore_steps(knowledge(), params), params, summarise,
                       dry_fields={"course": code, "restore": args.restore, "learners": len(rows)})
    return plan


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from(args, ctx)
    return run_plan(ctx, args, config, plan(args, config))

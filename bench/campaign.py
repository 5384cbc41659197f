"""A campaign of N courses (default 40) backed up on the practice Chamilo with 1, 2 and 4 workers,
one after the other in one run; prints for each: wall time and its ratio to 1 worker, seconds per
course, the peak PSS of the robot and its browsers (the whole process tree: Python, Playwright's
drivers, every Chromium process; /proc/<pid>/smaps_rollup every 0.25 s) and what each worker past the
first adds; then the cost of a course in a warm worker (browser up, signed in: the journal's seconds
for its backup command) against the bare HTTP requests it replaces (the form for its sec_token, the
POST, the streamed download, on a session already logged in). The machine's load is printed with
each figure. Nothing is asserted.

The site-wide lock (issue 18): a backup's server work, from its POST to its download, holds the
site's ``course-archiver`` lock (robot/locks.SiteWork), so a campaign's workers never build two
backups at once (Chamilo would break the first: UI-REFERENCE §17). ``--site-lock on,off`` runs every
worker count with the lock and without it (the robot started through this file with SiteWork made a
no-op: a measurement switch, not a user option); ``--build-seconds`` makes each backup take that
long on the practice server, as a real one does (real Chamilo 1.11.32: 0.37 s for a 4 KB course,
captures 52b). For each run it prints the most backups built at once and how many were built in
all (a broken one is made again).

    .venv/bin/python bench/campaign.py [--courses 40] [--workers 1,2,4] [--site-lock on,off] [--build-seconds 0.4]
"""
from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.memory import pss_kib, tree  # noqa: E402
from practice_server import PracticeServer  # noqa: E402
from practice_server.backup import BackupPace  # noqa: E402

WITHOUT_LOCK = "--robot-without-site-lock"  # internal: run the robot's CLI with SiteWork made a no-op


def robot_without_site_lock(argv: list[str]) -> int:
    """The robot's command line with the site-wide lock of Step.exclusive taken away (measurement only)."""
    from robot import locks
    from robot.cli import main as robot_main

    locks.SiteWork.acquire = lambda self, name, stop=None: None  # type: ignore[method-assign]
    locks.SiteWork.release = lambda self, name: None  # type: ignore[method-assign]
    return robot_main(argv)


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f}/{five:.1f}"


def run_campaign(srv: PracticeServer, courses: list[str], workers: int, work: Path, site_lock: bool = True) -> dict:
    work.mkdir(parents=True)
    plan = work / "plan.csv"
    plan.write_text("code,do\n" + "".join(f"{c},backup\n" for c in courses))
    env = {"CHAMILO_URL": srv.url, "CHAMILO_USERNAME": "teacher", "CHAMILO_PASSWORD": "teacher",
           "ROBOT_OUT": str(work / "backups"), "ROBOT_RECORDINGS": str(work / "recordings"),
           "ROBOT_LOCK_DIR": str(work / "locks"), "PATH": os.environ["PATH"], "HOME": str(work)}
    before = load()
    t0 = time.perf_counter()
    robot = [sys.executable, "-m", "robot"] if site_lock else [sys.executable, str(Path(__file__).resolve()), WITHOUT_LOCK]
    proc = subprocess.Popen([*robot, "campaign", str(plan), "--yes", "--offline-check",
                             "--workers", str(workers), "--env-file", os.devnull], cwd=work,
                            env={**env, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, pss_kib(proc.pid) + sum(pss_kib(p) for p in tree(proc.pid)))
        time.sleep(0.25)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"the campaign with {workers} worker(s) failed (exit {proc.returncode}): {err[-1500:]}")
    con = sqlite3.connect(work / "plan.journal.sqlite")
    seconds = [s for (s,) in con.execute("SELECT seconds FROM command WHERE status = 'done'")]
    con.close()
    builds = srv.state.backup_builds
    return {"workers": workers, "wall": wall, "per_course": wall / len(courses), "peak_mib": peak / 1024,
            "command_median": statistics.median(seconds), "load": f"{before} → {load()}", "lock": site_lock,
            "at_once": builds.max_at_once, "builds": builds.total, "broken": builds.broken}


def bare_backups(srv: PracticeServer, courses: list[str], out: Path) -> list[float]:
    """Per course, on one logged-in session: GET the form (sec_token), POST it, stream the download."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    body = urllib.parse.urlencode({"login": "teacher", "password": "teacher", "submitAuth": "", "_qf__formLogin": ""})
    opener.open(f"{srv.url}/index.php", body.encode()).read()
    out.mkdir(parents=True, exist_ok=True)
    times = []
    for course in courses:
        t0 = time.perf_counter()
        cid = f"cidReq={course}&id_session=0&gidReq=0&gradebook=0&origin="
        form = opener.open(f"{srv.url}/main/coursecopy/create_backup.php?{cid}").read().decode()
        token = re.search(r'name="sec_token"[^>]*value="([0-9a-f]+)"|value="([0-9a-f]+)"[^>]*name="sec_token"', form)
        assert token, "no sec_token in the backup form"
        body = urllib.parse.urlencode({"backup_option": "full_backup", "submit": "", "_qf__create_backup_form": "",
                                       "sec_token": token.group(1) or token.group(2)})
        result = opener.open(f"{srv.url}/main/coursecopy/create_backup.php?{cid}", body.encode()).read().decode()
        link = re.search(r'href="([^"]*download\.php\?archive=[^"]+)"', result)
        assert link, "no download link"
        with opener.open(link.group(1).replace("&amp;", "&")) as resp, (out / f"{course}.zip").open("wb") as fh:
            while chunk := resp.read(1 << 20):
                fh.write(chunk)
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    if sys.argv[1:2] == [WITHOUT_LOCK]:
        raise SystemExit(robot_without_site_lock(sys.argv[2:]))
    parser = argparse.ArgumentParser()
    parser.add_argument("--courses", type=int, default=40)
    parser.add_argument("--workers", default="1,2,4", help="worker counts to run, in order")
    parser.add_argument("--site-lock", default="on", help="on, off, or on,off: with / without the site-wide lock")
    parser.add_argument("--build-seconds", type=float, default=0.0,
                        help="how long each backup takes to build on the practice server (0: the disk's speed)")
    parser.add_argument("--warmup", type=int, default=3,
                        help="courses of an untimed first campaign (the first run of a process is slower: cold caches)")
    args = parser.parse_args()
    counts = [int(w) for w in args.workers.split(",")]
    locks = [mode.strip() == "on" for mode in args.site_lock.split(",")]
    courses = [f"FAC{i:03d}" for i in range(1, args.courses + 1)]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        srv = PracticeServer(data_dir=work / "practice", extra_courses=args.courses)
        srv.start(host="127.0.0.1", port=0)
        try:
            print(f"{os.cpu_count()} CPUs; {args.courses} courses backed up; each backup built in at least "
                  f"{args.build_seconds:.2f} s; load (1 min/5 min) before → after", flush=True)
            if args.warmup:
                run_campaign(srv, courses[:args.warmup], 1, work / "warmup")
            results = []
            for lock in locks:
                for n in counts:
                    srv.state.reset()
                    srv.state.backup_pace = BackupPace(seconds=args.build_seconds)
                    r = run_campaign(srv, courses, n, work / f"w{n}-{'lock' if lock else 'nolock'}", lock)
                    results.append(r)
                    print(f"  {n} worker(s), site lock {'on ' if lock else 'off'}: {r['wall']:6.1f} s wall, "
                          f"{r['per_course']:5.2f} s/course, peak PSS {r['peak_mib']:6.0f} MiB, median backup command "
                          f"{r['command_median']:.2f} s, at most {r['at_once']} built at once, {r['builds']} built "
                          f"({r['broken']} broken)  (load {r['load']})", flush=True)
            srv.state.reset()
            bare_load = load()
            bare = bare_backups(srv, courses, work / "bare")
        finally:
            srv.stop()
    print(f"\n{'lock':>4} {'workers':>7} {'wall s':>8} {'÷ 1 worker':>11} {'s/course':>9} {'peak PSS MiB':>13} "
          f"{'+MiB/worker':>12} {'at once':>8} {'built':>6} {'broken':>7}")
    for r in results:
        base = next(b for b in results if b["lock"] == r["lock"])
        extra = (r["peak_mib"] - base["peak_mib"]) / (r["workers"] - base["workers"]) if r is not base else 0.0
        print(f"{'on' if r['lock'] else 'off':>4} {r['workers']:>7} {r['wall']:>8.1f} {r['wall'] / base['wall']:>11.2f} "
              f"{r['per_course']:>9.2f} {r['peak_mib']:>13.0f} {extra:>12.0f} {r['at_once']:>8} {r['builds']:>6} "
              f"{r['broken']:>7}")
    warm = results[0]["command_median"]
    print(f"\na course in a warm worker: median {warm:.2f} s (the first run's backup commands); the bare HTTP "
          f"requests it replaces: median {statistics.median(bare):.3f} s (load {bare_load}); "
          f"difference {warm - statistics.median(bare):+.2f} s (target ≤ +0.5 s)")


if __name__ == "__main__":
    main()

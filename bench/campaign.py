"""A campaign of N courses (default 40) backed up on the practice Chamilo with 1, 2 and 4 workers,
one after the other in one run; prints for each: wall time and its ratio to 1 worker, seconds per
course, the peak PSS of the robot and its browsers (the whole process tree: Python, Playwright's
drivers, every Chromium process; /proc/<pid>/smaps_rollup every 0.25 s) and what each worker past the
first adds; then the cost of a course in a warm worker (browser up, signed in: the journal's seconds
for its backup command) against the bare HTTP requests it replaces (the form for its sec_token, the
POST, the streamed download, on a session already logged in). The machine's load is printed with
each figure. Nothing is asserted.

    .venv/bin/python bench/campaign.py [--courses 40] [--workers 1,2,4]
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


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f}/{five:.1f}"


def run_campaign(srv: PracticeServer, courses: list[str], workers: int, work: Path) -> dict:
    work.mkdir(parents=True)
    plan = work / "plan.csv"
    plan.write_text("code,do\n" + "".join(f"{c},backup\n" for c in courses))
    env = {"CHAMILO_URL": srv.url, "CHAMILO_USERNAME": "teacher", "CHAMILO_PASSWORD": "teacher",
           "ROBOT_OUT": str(work / "backups"), "ROBOT_RECORDINGS": str(work / "recordings"),
           "ROBOT_LOCK_DIR": str(work / "locks"), "PATH": os.environ["PATH"], "HOME": str(work)}
    before = load()
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "robot", "campaign", str(plan), "--yes", "--offline-check",
                             "--workers", str(workers), "--env-file", os.devnull], cwd=work, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
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
    return {"workers": workers, "wall": wall, "per_course": wall / len(courses), "peak_mib": peak / 1024,
            "command_median": statistics.median(seconds), "load": f"{before} → {load()}"}


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
    parser = argparse.ArgumentParser()
    parser.add_argument("--courses", type=int, default=40)
    parser.add_argument("--workers", default="1,2,4", help="worker counts to run, in order")
    args = parser.parse_args()
    counts = [int(w) for w in args.workers.split(",")]
    courses = [f"FAC{i:03d}" for i in range(1, args.courses + 1)]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        srv = PracticeServer(data_dir=work / "practice", extra_courses=args.courses)
        srv.start(host="127.0.0.1", port=0)
        try:
            print(f"{os.cpu_count()} CPUs; {args.courses} courses backed up; load (1 min/5 min) before → after",
                  flush=True)
            results = []
            for n in counts:
                srv.state.reset()
                r = run_campaign(srv, courses, n, work / f"w{n}")
                results.append(r)
                print(f"  {n} worker(s): {r['wall']:6.1f} s wall, {r['per_course']:5.2f} s/course, peak PSS "
                      f"{r['peak_mib']:6.0f} MiB, median backup command {r['command_median']:.2f} s  "
                      f"(load {r['load']})", flush=True)
            srv.state.reset()
            bare_load = load()
            bare = bare_backups(srv, courses, work / "bare")
        finally:
            srv.stop()
    base = results[0]
    print(f"\n{'workers':>7} {'wall s':>8} {'÷ 1 worker':>11} {'s/course':>9} {'peak PSS MiB':>13} {'+MiB/worker':>12}")
    for r in results:
        extra = (r["peak_mib"] - base["peak_mib"]) / (r["workers"] - base["workers"]) if r is not base else 0.0
        print(f"{r['workers']:>7} {r['wall']:>8.1f} {r['wall'] / base['wall']:>11.2f} {r['per_course']:>9.2f} "
              f"{r['peak_mib']:>13.0f} {extra:>12.0f}")
    warm = base["command_median"]
    print(f"\na course in a warm worker: median {warm:.2f} s (1 worker's backup commands); the bare HTTP "
          f"requests it replaces: median {statistics.median(bare):.3f} s (load {bare_load}); "
          f"difference {warm - statistics.median(bare):+.2f} s (target ≤ +0.5 s)")


if __name__ == "__main__":
    main()

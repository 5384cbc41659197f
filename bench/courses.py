"""`robot courses` at faculty size: the platform admin's listing of every course (the course list's
count, then Administration → Courses → Export courses, downloaded, verified and read) on a practice
Chamilo of 100 and of 1,000 courses, as whole processes; for each: wall and CPU time, the robot's
own steps, and the bare HTTP requests they rest on (the export POST; one page of 1,000 rows of the
course list) on a session already logged in. Then a search that pages the list (500 rows a page)
and a teacher's listing (three pages a course) per course. The machine's load is printed with each
figure. Nothing is asserted (docs/BENCHMARKS.md).

    .venv/bin/python bench/courses.py [--sizes 100,1000] [--runs 3]
"""
from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import resource
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

from practice_server import PracticeServer  # noqa: E402

SEEDED = 3  # DEMO101, HIST2026, ADMIN1 (BIG50 left out)


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f}/{five:.1f}"


def robot(srv: PracticeServer, work: Path, username: str, *args: str) -> dict:
    """`robot courses ARGS --json` as a process: its document, wall and CPU seconds."""
    env = {"CHAMILO_URL": srv.url, "CHAMILO_USERNAME": username, "CHAMILO_PASSWORD": username,
           "ROBOT_OUT": str(work / "out"), "ROBOT_RECORDINGS": str(work / "rec"), "ROBOT_LOCK_DIR": str(work / "locks"),
           "PATH": os.environ["PATH"], "HOME": str(work)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "robot", "courses", *args, "--json", "--env-file", os.devnull],
                          env=env, cwd=work, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"robot courses {' '.join(args)} failed (exit {proc.returncode}): {proc.stderr[-1500:]}")
    doc = json.loads(proc.stdout)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    steps = {s["name"]: s["seconds"] for s in doc["steps"]}
    return {"doc": doc, "wall": wall, "cpu": cpu, "steps": steps}


def bare(srv: PracticeServer) -> dict[str, float]:
    """The HTTP requests the listing rests on, logged in as the admin: the export, 1,000 rows of the list."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    body = urllib.parse.urlencode({"login": "admin", "password": "admin", "submitAuth": "", "_qf__formLogin": ""})
    opener.open(f"{srv.url}/index.php", body.encode()).read()
    form = urllib.parse.urlencode({"select_type": "1", "file_type": "csv", "include_users": "1", "formSent": "1",
                                   "_qf__export": "", "submit": ""}).encode()
    t0 = time.perf_counter()
    size = len(opener.open(f"{srv.url}/main/admin/course_export.php", form).read())
    export = time.perf_counter() - t0
    t0 = time.perf_counter()
    opener.open(f"{srv.url}/main/admin/course_list.php?courses_per_page=1000&courses_page_nr=1").read()
    page = time.perf_counter() - t0
    return {"export": export, "export_kb": size / 1024, "list_1000": page}


def measure(size: int, runs: int, work: Path) -> dict:
    t0 = time.perf_counter()
    srv = PracticeServer(data_dir=work / f"site-{size}", extra_courses=size - SEEDED)
    seeded = time.perf_counter() - t0
    srv.start(host="127.0.0.1", port=0)
    try:
        print(f"{size} courses (seeded in {seeded:.0f} s):", flush=True)
        rows = []
        for i in range(runs):
            r = robot(srv, work, "admin")
            assert len(r["doc"]["courses"]) == size, len(r["doc"]["courses"])
            rows.append(r)
            print(f"  run {i + 1}: {r['wall']:.2f} s wall, {r['cpu']:.2f} s CPU; steps: count "
                  f"{r['steps']['read_course_list']:.2f} s, export page {r['steps']['open_course_export']:.2f} s, "
                  f"download+verify+read {r['steps']['download_course_export']:.2f} s  (load {load()})", flush=True)
        raw = bare(srv)
        print(f"  bare HTTP: export {raw['export']:.2f} s ({raw['export_kb']:.0f} KB), 1,000 rows of the list "
              f"{raw['list_1000']:.2f} s", flush=True)
        search = robot(srv, work, "admin", "--search", "FAC", "--page-size", "500")
        print(f"  --search FAC (every FAC course, {len(search['doc']['courses'])}; 500 rows a page): "
              f"{search['wall']:.2f} s wall, the list's pages {search['steps']['read_course_list']:.2f} s", flush=True)
        return {"size": size, "wall": statistics.median(r["wall"] for r in rows),
                "cpu": statistics.median(r["cpu"] for r in rows),
                "export_step": statistics.median(r["steps"]["download_course_export"] for r in rows), **raw}
    finally:
        srv.stop()


def teacher_per_course(work: Path, courses: int = 20) -> float:
    srv = PracticeServer(data_dir=work / "site-teacher", extra_courses=courses)
    srv.start(host="127.0.0.1", port=0)
    try:
        r = robot(srv, work, "teacher")
        n = len(r["doc"]["courses"])
        per = r["steps"]["read_taught_courses"] / n
        print(f"a teacher's {n} courses: {r['wall']:.1f} s wall, {per:.2f} s a course (settings, trainers, "
              f"learners)  (load {load()})", flush=True)
        return per
    finally:
        srv.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100,1000", help="platform sizes, in courses")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{os.cpu_count()} CPUs; robot courses as the platform admin (load 1 min/5 min: {load()})", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        results = [measure(size, args.runs, Path(tmp)) for size in sizes]
        per_teacher_course = teacher_per_course(Path(tmp))
    print(f"\n{'courses':>8} {'wall s':>7} {'CPU s':>6} {'export step s':>14} {'bare export s':>14} "
          f"{'bare 1,000 rows s':>18}")
    for r in results:
        print(f"{r['size']:>8} {r['wall']:>7.2f} {r['cpu']:>6.2f} {r['export_step']:>14.2f} {r['export']:>14.2f} "
              f"{r['list_1000']:>18.2f}")
    if len(results) > 1:
        a, b = results[0], results[-1]
        growth = (b["wall"] - a["wall"]) / (b["size"] - a["size"]) * 1000
        print(f"\neach 1,000 more courses add {growth:.2f} s to the listing (wall, median of {args.runs}); "
              f"its export step grows {(b['export_step'] - a['export_step']) / (b['size'] - a['size']) * 1000:.2f} s "
              f"per 1,000 courses; the rest is the fixed cost of a run (browser, login)")
    print(f"a teacher's listing: {per_teacher_course:.2f} s a course")


if __name__ == "__main__":
    main()

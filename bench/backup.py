"""Where the time of `robot backup` goes, against the bare ways of doing the same.

On the practice Chamilo (pages as heavy as the real ones), for DEMO101 (~1 MB), median of N runs
taken in alternation (so that the machine's load falls on all three alike):

  bare HTTP   = the minimal requests a script would send: login POST, GET the form for its
                sec_token, POST the backup, GET the download (streamed to disk); no browser
  bare script = bench/bare_backup.py: the same clicks as the robot in Playwright, no retries, no
                checks, no trace, no verification — a whole process, as the robot
  robot       = `python -m robot backup --course DEMO101`, a whole process

Then the robot's per-step costs (median seconds per step, from --json). Nothing is asserted.

    .venv/bin/python bench/backup.py [--runs 5] [--course DEMO101]
"""
from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
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


def bare_http(base: str, course: str, out: Path) -> None:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    body = urllib.parse.urlencode({"login": "teacher", "password": "teacher", "submitAuth": "", "_qf__formLogin": ""})
    opener.open(f"{base}/index.php", body.encode()).read()
    cid = f"cidReq={course}&id_session=0&gidReq=0&gradebook=0&origin="
    form = opener.open(f"{base}/main/coursecopy/create_backup.php?{cid}").read().decode()
    token = re.search(r'name="sec_token"[^>]*value="([0-9a-f]+)"|value="([0-9a-f]+)"[^>]*name="sec_token"', form)
    assert token, "no sec_token in the backup form"
    body = urllib.parse.urlencode({"backup_option": "full_backup", "submit": "", "_qf__create_backup_form": "",
                                   "sec_token": token.group(1) or token.group(2)})
    result = opener.open(f"{base}/main/coursecopy/create_backup.php?{cid}", body.encode()).read().decode()
    link = re.search(r'href="([^"]*download\.php\?archive=[^"]+)"', result)
    assert link, "no download link"
    with opener.open(link.group(1).replace("&amp;", "&")) as resp, (out / "replay.zip").open("wb") as fh:
        while chunk := resp.read(1 << 20):
            fh.write(chunk)


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv[:4])} failed ({proc.returncode}): {proc.stdout[-800:]} {proc.stderr[-800:]}")
    return seconds, proc.stdout


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--course", default="DEMO101")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        server = PracticeServer(data_dir=work / "data")
        server.start(host="127.0.0.1", port=0)
        env = {**os.environ, "CHAMILO_URL": server.url, "CHAMILO_USERNAME": "teacher", "CHAMILO_PASSWORD": "teacher",
               "ROBOT_OUT": str(work / "out"), "ROBOT_RECORDINGS": str(work / "rec"),
               "ROBOT_LOCK_DIR": str(work / "locks")}
        times: dict[str, list[float]] = {"bare HTTP": [], "bare script": [], "robot": []}
        steps: dict[str, list[float]] = {}
        try:
            print(f"load {os.getloadavg()[0]:.2f}; practice Chamilo at {server.url}; {args.course}; "
                  f"median of {args.runs} alternating runs", flush=True)
            for _ in range(args.runs):
                t0 = time.perf_counter()
                bare_http(server.url, args.course, work)
                times["bare HTTP"].append(time.perf_counter() - t0)
                seconds, _ = timed([sys.executable, "bench/bare_backup.py", server.url, args.course, str(work)], env)
                times["bare script"].append(seconds)
                seconds, out = timed([sys.executable, "-m", "robot", "backup", "--course", args.course, "--json",
                                      "--env-file", os.devnull], env)
                times["robot"].append(seconds)
                for st in json.loads(out)["steps"]:
                    steps.setdefault(st["name"], []).append(st["seconds"])
        finally:
            server.stop()
    med = {name: statistics.median(values) for name, values in times.items()}
    for name, value in med.items():
        spread = f"{min(times[name]):.2f}–{max(times[name]):.2f}"
        print(f"  {name:<12} {value:6.2f} s   (runs {spread})")
    print(f"  robot ÷ bare script = {med['robot'] / med['bare script']:.2f}   "
          f"robot − bare HTTP = {med['robot'] - med['bare HTTP']:.2f} s")
    print("  robot's steps (median s):")
    for name, values in steps.items():
        print(f"    {name:<22} {statistics.median(values):6.3f}")
    print(f"    {'(sum of steps)':<22} {sum(statistics.median(v) for v in steps.values()):6.3f}")
    print(f"  load at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()

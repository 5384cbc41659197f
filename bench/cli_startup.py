"""Whole-process time of the answers that need no browser: `robot --help`, `robot backup --help`,
a usage error (`robot backup` without --course), and `python -c pass` for reference.

Each is a fresh process (the installed `robot` script of this interpreter's venv), run N times in
turn; prints the median and the fastest wall time, the median CPU time (user + system: what the
process itself burnt, less sensitive than wall time to other work on the machine), and the load.
Nothing is asserted (tests assert the rule instead: tests/unit/test_cli_light.py).

    .venv/bin/python bench/cli_startup.py [--runs 10] [--importtime]

--importtime also prints the ten costliest imports of `robot --help` (python -X importtime).
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROBOT = str(Path(sys.executable).with_name("robot"))
CASES: list[tuple[str, list[str]]] = [
    ("python -c pass", [sys.executable, "-c", "pass"]),
    ("robot --help", [ROBOT, "--help"]),
    ("robot backup --help", [ROBOT, "backup", "--help"]),
    ("robot backup  (usage error)", [ROBOT, "backup"]),
]


def once(cmd: list[str]) -> tuple[float, float]:
    """(wall, cpu) seconds of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def costliest_imports(n: int = 12) -> list[tuple[int, str]]:
    """(cumulative µs, module) of the costliest imports of `robot --help`, two levels deep at most."""
    code = "import sys; from robot.cli import main; sys.exit(main(['--help']))"
    err = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True).stderr
    rows = []
    for line in err.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line[len("import time:"):].split("|")
        depth = (len(name) - len(name.lstrip()) - 1) // 2
        if depth <= 2:
            rows.append((int(cumulative), "  " * depth + name.strip()))
    return sorted(rows, reverse=True)[:n]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--importtime", action="store_true")
    args = ap.parse_args()
    load_before = os.getloadavg()[0]
    times: dict[str, list[tuple[float, float]]] = {label: [] for label, _ in CASES}
    for _ in range(args.runs):  # interleaved: a burst of load hits every case alike
        for label, cmd in CASES:
            times[label].append(once(cmd))
    print(f"1-min load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after "
          f"({os.cpu_count()} CPUs, {args.runs} runs each)")
    print(f"{'command':<30} {'wall median':>12} {'fastest':>8} {'cpu median':>11}")
    for label, values in times.items():
        walls, cpus = [w for w, _ in values], [c for _, c in values]
        print(f"{label:<30} {statistics.median(walls):11.3f}s {min(walls):7.3f}s {statistics.median(cpus):10.3f}s")
    if args.importtime:
        print("\ncostliest imports of `robot --help` (cumulative):")
        for micros, name in costliest_imports():
            print(f"  {micros / 1000:7.1f} ms  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

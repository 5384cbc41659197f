"""Peak memory of `robot backup` for a 1 MB course and a ~1 GB course on the practice Chamilo.

The robot runs as its own process (`python -m robot backup`), as a person runs it; its peak RSS is
the kernel's high-water mark (VmHWM in /proc/<pid>/status), read until it exits. The browser's
processes are measured too (the sum of their PSS, sampled every 0.2 s) for information: Chromium
writes the download to disk itself. Prints the figures and the difference; nothing is asserted.

    .venv/bin/python bench/memory.py [--size-mb 1024]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from practice_server import PracticeServer  # noqa: E402


def add_big_document(srv: PracticeServer, code: str, size_mb: int) -> int:
    """One incompressible file of ``size_mb`` MiB in the course's documents (written in 16 MiB chunks)."""
    target = srv.state.course_dir(code) / "document" / "videos" / "all-lectures.mp4"
    target.parent.mkdir(parents=True, exist_ok=True)
    chunk = os.urandom(16 << 20)
    with target.open("wb") as fh:
        for i in range(size_mb // 16):
            fh.write(chunk[i % 7:] + chunk[:i % 7])  # not the same 16 MiB twice: no dedup anywhere
    size = target.stat().st_size
    course = srv.state.course(code)
    with srv.state.db() as con:
        con.execute("INSERT INTO document (c_id, path, title, filetype, size, insert_user_id, insert_date,"
                    " lastedit_date) VALUES (?,?,?,?,?,?,?,?)",
                    (course["id"], "/videos/all-lectures.mp4", "all lectures.mp4", "file", size, 2,
                     "2026-09-01 08:00:00", "2026-09-01 08:00:00"))
    return size


def tree(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def status_kib(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def pss_kib(pid: int) -> int:
    """Proportional set size: shared pages split between the processes that share them."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(srv: PracticeServer, code: str, work: Path) -> dict[str, float]:
    env = {"CHAMILO_URL": srv.url, "CHAMILO_USERNAME": "teacher", "CHAMILO_PASSWORD": "teacher",
           "ROBOT_OUT": str(work / code), "ROBOT_RECORDINGS": str(work / "recordings"),
           "ROBOT_LOCK_DIR": str(work / "locks"), "ROBOT_LONG_TIMEOUT": "1800", "PATH": os.environ["PATH"],
           "HOME": str(work)}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "robot", "backup", "--course", code, "--json",
                             "--env-file", os.devnull], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    robot_peak = browsers_peak = 0
    while proc.poll() is None:
        robot_peak = max(robot_peak, status_kib(proc.pid, "VmHWM"))
        browsers_peak = max(browsers_peak, sum(pss_kib(p) for p in tree(proc.pid)))
        time.sleep(0.2)
    out = proc.stdout.read().decode() if proc.stdout else ""
    if proc.returncode != 0:
        raise SystemExit(f"robot backup {code} failed (exit {proc.returncode}): {out[-500:]}")
    zips = list((work / code).glob("*.zip"))
    return {"seconds": time.perf_counter() - t0, "zip_mb": zips[0].stat().st_size / 2**20,
            "robot_peak_mib": robot_peak / 1024, "browser_tree_peak_mib": browsers_peak / 1024}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=int, default=1024, help="size of the big course's file (MiB)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        srv = PracticeServer(data_dir=work / "practice", big_course=True)
        srv.start(host="127.0.0.1", port=0)
        try:
            added = add_big_document(srv, "BIG50", args.size_mb)
            print(f"load {os.getloadavg()[0]:.2f}; BIG50 + {added / 2**20:.0f} MiB file", flush=True)
            small = measure(srv, "DEMO101", work)
            big = measure(srv, "BIG50", work)
        finally:
            srv.stop()
    for name, r in (("DEMO101", small), ("BIG50+", big)):
        print(f"{name:8} zip {r['zip_mb']:8.1f} MiB  {r['seconds']:6.1f} s  robot peak RSS {r['robot_peak_mib']:6.1f} MiB"
              f"  (browser + driver processes, peak PSS {r['browser_tree_peak_mib']:6.1f} MiB)")
    print(f"robot peak RSS, big − small: {big['robot_peak_mib'] - small['robot_peak_mib']:+.1f} MiB "
          f"(target ≤ +50 MiB)")


if __name__ == "__main__":
    main()

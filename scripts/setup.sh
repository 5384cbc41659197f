#!/usr/bin/env bash
# One-time setup on a Debian machine: Chromium + ffmpeg (apt, when missing), .venv with the robot and its
# test extras, ffmpeg linked where Playwright looks for it, and the practice Chamilo's front-end libraries.
# Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# The Python of the venv must be recent enough (pyproject.toml's requires-python): fail now, clearly,
# rather than after apt and pip. Written so that even an old Python 3 can run the check.
PY=${PYTHON:-python3}
need_py=$(sed -n 's/^requires-python = ">=\([0-9][0-9.]*\)".*/\1/p' pyproject.toml)
[ -n "$need_py" ] || { echo "setup.sh: no requires-python = \">=X.Y\" line in pyproject.toml" >&2; exit 1; }
python_ok() {  # $1: an interpreter
  "$1" - "$need_py" <<'PYEOF'
import sys
need = tuple(int(x) for x in sys.argv[1].split("."))
if sys.version_info[:len(need)] < need:
    sys.stderr.write("chamilo-robot needs Python %s or newer; %s is Python %s.\n"
                     % (sys.argv[1], sys.executable, sys.version.split()[0]))
    sys.exit(1)
PYEOF
}
if ! command -v "$PY" >/dev/null 2>&1; then
  echo "setup.sh: no Python interpreter '$PY'. chamilo-robot needs Python $need_py or newer: install it" \
       "(Debian: apt install python3 python3-venv) or give one with PYTHON=/path/to/python3.X $0" >&2
  exit 1
fi
if ! python_ok "$PY"; then
  echo "setup.sh: install Python $need_py or newer (Debian 12's python3 and python3-venv, or pyenv) and run" \
       "PYTHON=/path/to/that/python3 $0" >&2
  exit 1
fi
if [ -x .venv/bin/python ] && ! python_ok .venv/bin/python; then
  echo "setup.sh: .venv was made with a Python that is too old: remove it (rm -rf .venv) and run $0 again" >&2
  exit 1
fi

need_apt=()
[ -x /usr/lib/chromium/chromium ] || need_apt+=(chromium)
# what headless runs launch (the engine without the desktop browser, as Playwright's own headless)
[ -x /usr/lib/chromium/chromium-headless-shell ] || need_apt+=(chromium-headless-shell)
command -v ffmpeg >/dev/null 2>&1 || need_apt+=(ffmpeg)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "installing ${need_apt[*]} from apt"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  "$PY" -m venv .venv
fi
say "installing chamilo-robot and its test extras into .venv"
.venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -m pip install -q -e '.[test]' 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -c "import playwright, flask, tenacity, dotenv" 

say "linking ffmpeg where Playwright looks for it (video recording)"
.venv/bin/python - <<'PYEOF'
import json, os, shutil
from pathlib import Path
import playwright
data = json.loads((Path(playwright.__file__).parent / "driver/package/browsers.json").read_text())
rev = next(b["revision"] for b in data["browsers"] if b["name"] == "ffmpeg")
root = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or Path.home() / ".cache/ms-playwright")
target = root / f"ffmpeg-{rev}" / "ffmpeg-linux"
ffmpeg = shutil.which("ffmpeg")
if not ffmpeg:
    raise SystemExit("ffmpeg not found after apt install")
target.parent.mkdir(parents=True, exist_ok=True)
if target.is_symlink() or target.exists():
    target.unlink()
target.symlink_to(ffmpeg)
print(f"    {target} -> {ffmpeg}")
PYEOF

say "fetching the practice Chamilo's front-end libraries (npm registry)"
.venv/bin/python -c "import sys; from practice_server.assets import main; sys.exit(main([]))"

say "done. Try:  .venv/bin/robot sandbox   (then, in another terminal, see README.md)"

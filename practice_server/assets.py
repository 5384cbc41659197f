"""Fetch the public front-end libraries that real Chamilo 1.11 pages load, from the npm registry,
into practice_server/static/vendor/ (git-ignored).  Idempotent: what is present is skipped.

    python -m practice_server.assets [--force] [--dest DIR]

The app serves them at Chamilo's paths (``/web/assets/jquery/dist/jquery.min.js``, ...; see
``URL_TO_VENDOR``).  Every tarball is checked against the registry's sha512 integrity.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import shutil
import sys
import tarfile
import urllib.request
from pathlib import Path

VENDOR_DIR = Path(__file__).resolve().parent / "static" / "vendor"
REGISTRY = "https://registry.npmjs.org"

# npm package, version, sha512 integrity (from the registry's dist.integrity)
PACKAGES: list[tuple[str, str, str]] = [
    ("jquery", "3.6.4",
     "v28EW9DWDFpzcD9O5iyJXg3R3+q+mET5JhnjJzQUZMHOv67bpSIHq81GEYpPNZHG+XXHsfSme3nxp/hndKEcsQ=="),
    ("bootstrap", "3.4.1",
     "yN5oZVmRCwe5aKwzRj6736nSmKDX7pLYwsXiCj/EYmo16hODaBiT4En5btW/jhBF/seV+XMx3aYwukYC3A49DA=="),
    ("bootstrap-select", "1.13.18",
     "V1IzK4rxBq5FrJtkzSH6RmFLFBsjx50byFbfAf8jYyXROWs7ZpprGjdHeoyq2HSsHyjJhMMwjsQhRoYAfxCGow=="),
    ("ckeditor", "4.6.2",
     "J/mWo1/IbmsVUWyk/F6YrQTvQQs0iM+dCBbNWtUI5ZFrK8nKsPYfZQur13757LNkGtAIsCpyCfm8xqIO4vm5nw=="),
    ("font-awesome", "4.7.0",
     "U6kGnykA/6bFmg1M/oT9EkFeIYv7JlX3bozwQJWiiLz6L0w3F5vBVPxHlwyX/vtNq1ckcpRKOB9f2Qal/VtFpg=="),
]

# first path segment under /web/assets/ → folder under static/vendor/
URL_TO_VENDOR = {
    "jquery": "jquery",
    "bootstrap": "bootstrap",
    "bootstrap-select": "bootstrap-select",
    "ckeditor": "ckeditor",
    "fontawesome": "font-awesome",
}

MARKER = ".npm-package"
# files a page needs: if one is missing the vendor tree is incomplete
REQUIRED = [
    "jquery/dist/jquery.min.js",
    "bootstrap/dist/js/bootstrap.min.js",
    "bootstrap/dist/css/bootstrap.min.css",
    "bootstrap-select/dist/js/bootstrap-select.min.js",
    "bootstrap-select/dist/css/bootstrap-select.min.css",
    "bootstrap-select/dist/js/i18n/defaults-en_US.min.js",
    "ckeditor/ckeditor.js",
]


def vendor_ready(dest: Path = VENDOR_DIR) -> bool:
    return all((dest / rel).is_file() for rel in REQUIRED)


def _present(dest: Path, name: str, version: str) -> bool:
    marker = dest / name / MARKER
    return marker.is_file() and marker.read_text().strip() == f"{name}@{version}"


def _download(name: str, version: str, integrity: str, timeout: float = 120.0) -> bytes:
    url = f"{REGISTRY}/{name}/-/{name}-{version}.tgz"
    req = urllib.request.Request(url, headers={"User-Agent": "chamilo-robot-practice-server"})
    last: Exception | None = None
    for _attempt in range(3):
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                data = resp.read()
            break
        except OSError as exc:  # URLError, timeouts, resets
            last = exc
    else:
        raise RuntimeError(f"could not download {url}: {last}")
    digest = base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != integrity:
        raise RuntimeError(f"{url}: sha512 mismatch (got {digest})")
    return data


def _extract(data: bytes, target: Path) -> None:
    """Extract an npm tarball's ``package/`` tree into ``target`` (safely: no absolute paths,
    no ``..``, regular files and directories only)."""
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member in tar.getmembers():
            parts = Path(member.name).parts
            if not parts or parts[0] != "package" or ".." in parts or Path(member.name).is_absolute():
                continue
            rel = Path(*parts[1:]) if len(parts) > 1 else None
            if rel is None:
                continue
            out = target / rel
            if member.isdir():
                out.mkdir(parents=True, exist_ok=True)
            elif member.isfile():
                out.parent.mkdir(parents=True, exist_ok=True)
                src = tar.extractfile(member)
                if src is None:
                    continue
                with src, open(out, "wb") as fh:
                    shutil.copyfileobj(src, fh)


def fetch_assets(dest: Path = VENDOR_DIR, force: bool = False, log=print) -> list[str]:
    """Download and unpack the packages missing in ``dest``; returns the ones fetched."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    fetched = []
    for name, version, integrity in PACKAGES:
        if not force and _present(dest, name, version):
            log(f"    {name}@{version}: present")
            continue
        log(f"    {name}@{version}: downloading")
        data = _download(name, version, integrity)
        tmp = dest / f".{name}.tmp"
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir()
        _extract(data, tmp)
        (tmp / MARKER).write_text(f"{name}@{version}\n")
        final = dest / name
        if final.exists():
            shutil.rmtree(final)
        tmp.rename(final)
        fetched.append(f"{name}@{version}")
    return fetched


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m practice_server.assets", description=__doc__.split("\n\n")[0])
    parser.add_argument("--force", action="store_true", help="download again even if present")
    parser.add_argument("--dest", type=Path, default=VENDOR_DIR, help="target folder (default: %(default)s)")
    args = parser.parse_args(argv)
    try:
        fetch_assets(args.dest, force=args.force)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    missing = [rel for rel in REQUIRED if not (args.dest / rel).is_file()]
    if missing:
        print(f"error: still missing: {', '.join(missing)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

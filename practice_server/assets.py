"""Fetch the public front-end libraries that real Chamilo 1.11 pages load, from the npm registry,
into practice_server/static/vendor/ (git-ignored).  Idempotent: what is present is skipped.

    python -m practice_server.assets [--force] [--dest DIR]

The app serves them at Chamilo's paths (``/web/assets/jquery/dist/jquery.min.js``, ...; see
``asset_catalog``).  Downloads run in parallel; every tarball is checked against the registry's sha512 integrity.
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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .asset_catalog import FILE_ALIASES, PACKAGES, REQUIRED, URL_TO_VENDOR, Package

__all__ = ["VENDOR_DIR", "PACKAGES", "URL_TO_VENDOR", "FILE_ALIASES", "REQUIRED", "vendor_ready", "fetch_assets", "main"]

VENDOR_DIR = Path(__file__).resolve().parent / "static" / "vendor"
REGISTRY = "https://registry.npmjs.org"
MARKER = ".npm-package"
PARALLEL = 8


def vendor_ready(dest: Path = VENDOR_DIR) -> bool:
    return all((dest / rel).is_file() for rel in REQUIRED)


def _present(dest: Path, pkg: Package) -> bool:
    marker = dest / pkg.folder / MARKER
    return marker.is_file() and marker.read_text().strip() == f"{pkg.name}@{pkg.version}"


def _download(name: str, version: str, integrity: str, timeout: float = 120.0) -> bytes:
    base = name.rsplit("/", 1)[-1]  # @scope/name → name-<version>.tgz
    url = f"{REGISTRY}/{name}/-/{base}-{version}.tgz"
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
    if digest != integrity.removeprefix("sha512-"):
        raise RuntimeError(f"{url}: sha512 mismatch (got {digest})")
    return data


def _wanted(rel: Path, keep: tuple[str, ...]) -> bool:
    if not keep:
        return True
    text = rel.as_posix()
    return any(text == k or (k.endswith("/") and text.startswith(k)) for k in keep)


def _extract(data: bytes, target: Path, keep: tuple[str, ...] = ()) -> None:
    """Extract an npm tarball's ``package/`` tree (only the ``keep`` files, if given) into
    ``target`` (safely: no absolute paths, no ``..``, regular files and directories only)."""
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member in tar.getmembers():
            parts = Path(member.name).parts
            if not parts or parts[0] != "package" or ".." in parts or Path(member.name).is_absolute():
                continue
            rel = Path(*parts[1:]) if len(parts) > 1 else None
            if rel is None or not _wanted(rel, keep):
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


def _install(dest: Path, pkg: Package) -> None:
    data = _download(pkg.name, pkg.version, pkg.integrity)
    tmp = dest / f".{pkg.folder}.tmp"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    _extract(data, tmp, pkg.keep)
    missing = [k for k in pkg.keep if not k.endswith("/") and not (tmp / k).is_file()]
    if missing:
        shutil.rmtree(tmp)
        raise RuntimeError(f"{pkg.name}@{pkg.version}: not in the tarball: {', '.join(missing)}")
    (tmp / MARKER).write_text(f"{pkg.name}@{pkg.version}\n")
    final = dest / pkg.folder
    if final.exists():
        shutil.rmtree(final)
    tmp.rename(final)


def fetch_assets(dest: Path = VENDOR_DIR, force: bool = False, log=print) -> list[str]:
    """Download (in parallel) and unpack the packages missing in ``dest``; returns the ones fetched."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    todo = [p for p in PACKAGES if force or not _present(dest, p)]
    if len(todo) < len(PACKAGES):
        log(f"    {len(PACKAGES) - len(todo)} of {len(PACKAGES)} packages present")
    for pkg in todo:
        log(f"    {pkg.name}@{pkg.version}: downloading")
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        for pkg, future in [(p, pool.submit(_install, dest, p)) for p in todo]:
            future.result()  # re-raises the first failure
    return [f"{p.name}@{p.version}" for p in todo]


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

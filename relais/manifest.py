"""``site/SHA256SUMS``: anyone can check a copy of the site with ``cd site && sha256sum -c SHA256SUMS``."""

from __future__ import annotations

import hashlib
from pathlib import Path

NAME = "SHA256SUMS"


def digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 16), b""):
            sha.update(block)
    return sha.hexdigest()


def manifest(site_dir: Path) -> str:
    """One ``<sha256>  <path>`` line per file, sorted by path, in ``sha256sum``'s own format."""
    files = sorted(p for p in site_dir.rglob("*") if p.is_file() and p.name != NAME)
    return "".join(f"{digest(p)}  {p.relative_to(site_dir).as_posix()}\n" for p in files)


def write_manifest(site_dir: Path) -> None:
    (site_dir / NAME).write_text(manifest(site_dir), encoding="utf-8")

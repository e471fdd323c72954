"""``site/SHA256SUMS``: anyone can check a copy of the site with ``cd site && sha256sum -c SHA256SUMS``."""

from __future__ import annotations

import hashlib

NAME = "SHA256SUMS"


def manifest(files: dict[str, bytes]) -> str:
    """One ``<sha256>  <path>`` line per file, sorted by path, in ``sha256sum``'s own format."""
    return "".join(f"{hashlib.sha256(files[name]).hexdigest()}  {name}\n" for name in sorted(files) if name != NAME)

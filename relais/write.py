"""Write stage: everything is built in a staging folder next to site/ and swapped in only on success."""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


@contextmanager
def staging(site_dir: Path) -> Iterator[Path]:
    """A fresh folder on the same disk as ``site_dir``; it replaces ``site_dir`` only if the block succeeds."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site_dir.parent))
    try:
        yield stage
        swap_in(stage / "site", site_dir)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def swap_in(new_site: Path, site_dir: Path) -> None:
    """Two renames on one file system: readers see the old site or the new one, never a mix."""
    old = site_dir.parent / f".site-old-{os.getpid()}"
    if site_dir.exists():
        os.rename(site_dir, old)
    os.rename(new_site, site_dir)
    shutil.rmtree(old, ignore_errors=True)

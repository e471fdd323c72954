"""Write stage: one writer puts every file of the build in a staging folder next to ``site/``, then swaps it in.

Readers (a web server, ``serve``) see the old site or the new one, never a mix and never none: on Linux the
two folders are exchanged in one step (``renameat2(RENAME_EXCHANGE)``); elsewhere two renames, and the old
site is put back if the second one fails.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
import threading
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def publish(site_dir: Path, files: dict[str, bytes], published: dict[str, bytes] | None = None,
            background: bool = False) -> None:
    """Make ``site_dir`` hold exactly ``files`` (paths relative to it).

    ``published``: the files ``site_dir`` holds now, as this process wrote them (``serve`` keeps them): those
    that did not change are hard-linked instead of written again. ``background``: remove the old site in a
    thread (the preview answers sooner)."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    sweep(site_dir)
    stage = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site_dir.parent))
    try:
        for name, data in files.items():
            path = stage / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if published is None or published.get(name) != data or not _linked(site_dir / name, path):
                path.write_bytes(data)
        stage.chmod(0o755)
        swap_in(stage, site_dir)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    if background:  # not a daemon: a preview stopped meanwhile still finishes removing it
        threading.Thread(target=shutil.rmtree, args=(stage,), kwargs={"ignore_errors": True}).start()
    else:
        shutil.rmtree(stage, ignore_errors=True)  # after the swap, the old site


def sweep(site_dir: Path) -> None:
    """Remove what a build or preview killed before its end left beside ``site_dir`` (a staging folder, an
    old site): nothing ever reads them."""
    for pattern in (".site-new-*", ".site-old-*"):
        for leftover in site_dir.parent.glob(pattern):
            if leftover.is_dir() and not leftover.is_symlink() and leftover.name != f".site-old-{os.getpid()}":
                shutil.rmtree(leftover, ignore_errors=True)


def _linked(source: Path, target: Path) -> bool:
    try:
        os.link(source, target)
        return True
    except OSError:  # another file system, or the file is gone
        return False


def swap_in(new_site: Path, site_dir: Path) -> None:
    """``new_site`` becomes ``site_dir``; the previous ``site_dir`` (if any) is left at ``new_site``."""
    if not site_dir.exists():
        os.rename(new_site, site_dir)
        return
    if _exchange(new_site, site_dir):
        return
    old = site_dir.parent / f".site-old-{os.getpid()}"
    os.rename(site_dir, old)
    try:
        os.rename(new_site, site_dir)
    except OSError:
        os.rename(old, site_dir)  # put the previous site back
        raise
    os.rename(old, new_site)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically where the system can (Linux >= 3.15 with glibc); False where it cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return result == 0

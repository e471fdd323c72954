"""Checks of the system libraries the renderers need, with the command that installs what is missing."""

from __future__ import annotations

import ctypes
import ctypes.util

PANGO_MIN = (1, 44)
INSTALL_HINT = "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libfribidi0"


def pango_version() -> tuple[int, int, int] | None:
    name = ctypes.util.find_library("pango-1.0") or "libpango-1.0.so.0"
    try:
        library = ctypes.CDLL(name)
    except OSError:
        return None
    library.pango_version.restype = ctypes.c_int
    number = library.pango_version()
    return number // 10000, number // 100 % 100, number % 100


def system_problems() -> list[str]:
    """Human sentences, empty when the machine can render everything."""
    version = pango_version()
    if version is None:
        return [f"Pango is not installed; WeasyPrint needs it to make the PDFs. Install it with: {INSTALL_HINT}"]
    if version[:2] < PANGO_MIN:
        found = ".".join(map(str, version))
        return [f"Pango {found} is too old; WeasyPrint needs {PANGO_MIN[0]}.{PANGO_MIN[1]} or newer. Upgrade with: {INSTALL_HINT}"]
    return []

#!/usr/bin/env python3
"""Relais entry point: `python build.py --help`. The work happens in the `relais` package."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

try:
    from relais.cli import main  # noqa: E402
except ModuleNotFoundError as exc:  # a Python without the pinned dependencies (not the project's .venv)
    sys.exit(f"error: the Python package '{exc.name}' is not installed for {sys.executable}; run 'make site' "
             "once, then use .venv/bin/python build.py (or the make commands)")

if __name__ == "__main__":
    sys.exit(main())

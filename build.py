#!/usr/bin/env python3
"""Relais entry point: `python build.py --help`. The work happens in the `relais` package."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from relais.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())

"""A Relais project on disk: where its folders are."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def infographics_dir(self) -> Path:
        return self.root / "infographics"

    @property
    def theme_dir(self) -> Path:
        return self.root / "theme"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def schemas_dir(self) -> Path:
        return self.root / "schemas"

    @property
    def cache_dir(self) -> Path:
        """Results keyed on a hash of their inputs: safe to share between copies of a project
        (``RELAIS_CACHE_DIR``), as the test suite does."""
        shared = os.environ.get("RELAIS_CACHE_DIR")
        return Path(shared) if shared else self.root / ".relais-cache"

    @property
    def history_file(self) -> Path:
        """What the last build of this project read, for ``build --dry-run`` (never shared)."""
        return self.root / ".relais-cache" / "last-build.json"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

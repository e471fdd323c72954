"""A Relais project on disk: where its folders are."""

from __future__ import annotations

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
        return self.root / ".relais-cache"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

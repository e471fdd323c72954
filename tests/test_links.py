"""Every internal link and asset of the built site resolves to a file of the site."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.targets.append(value)
            if name == "srcset" and value:
                self.targets.extend(part.split()[0] for part in value.split(",") if part.strip())


def broken_links(site: Path) -> list[str]:
    broken = []
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for target in parser.targets:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # external (checked elsewhere for privacy) or same-page anchor
            base = site if parts.path.startswith("/") else page.parent  # the site is served at its domain's root
            resolved = (base / unquote(parts.path).lstrip("/")).resolve()
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.is_file() or not resolved.is_relative_to(site.resolve()):
                broken.append(f"{page.relative_to(site)} -> {target}")
    return broken


def test_every_internal_link_resolves(built_site: Path):
    assert broken_links(built_site) == []


def test_the_checker_finds_a_broken_link(tmp_path: Path):
    (tmp_path / "index.html").write_text('<a href="missing/">x</a><img src="ok.png">', encoding="utf-8")
    (tmp_path / "ok.png").write_bytes(b"")
    assert broken_links(tmp_path) == ["index.html -> missing/"]

"""The build end to end: every page in every language, nothing half-published when the content is wrong."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PAGES = ["index.html", "guides/smem-reflex/index.html", "guides/prepare/index.html",
         "guides/act-responsibly/index.html", "guides/civic-minded/index.html",
         "case-studies/boston-2013/index.html", "communicators/index.html"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_exists_in_every_language(built_site: Path, lang: str):
    for page in PAGES:
        html = (built_site / lang / page).read_text(encoding="utf-8")
        assert re.search(rf'<html[^>]*\slang="{lang}"', html), page


def test_pages_carry_their_language_text(built_site: Path):
    fr = (built_site / "fr/guides/prepare/index.html").read_text(encoding="utf-8")
    en = (built_site / "en/guides/prepare/index.html").read_text(encoding="utf-8")
    assert "Suivez les comptes officiels" in fr and "Suivez les comptes officiels" not in en
    assert "Follow the official accounts" in en


def test_front_door_offers_every_language(built_site: Path):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="fr/"' in html and 'href="en/"' in html
    assert (built_site / "language.js").is_file()


def test_failed_build_leaves_the_previous_site_untouched(kit):
    """As an editor runs it, in a process of its own: one located line, no traceback, the old site kept.
    (The only test that runs build.py as a process: the others call the command line in-process.)"""
    site = kit.root / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    kit.edit("guides/prepare.yml", "\ntitle:", "\ntitel:")
    result = kit.run_subprocess("build")
    assert result.returncode == 1
    assert f"content/guides/prepare.yml:{kit.line_of('guides/prepare.yml', 'titel:')}:1:" in result.stderr
    assert "did you mean 'title'" in result.stderr
    assert "Traceback" not in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "previous site"
    assert sorted(p.name for p in kit.root.iterdir() if p.name.startswith(".site-")) == []


def test_new_guide_is_valid_in_every_language(kit):
    result = kit.run("new", "guide", "heatwave")
    assert result.returncode == 0, result.stderr
    assert kit.file("guides/heatwave.yml").is_file()
    assert kit.file("translations/en/guides/heatwave.yml").is_file()
    checked = kit.run("check")
    assert checked.returncode == 0, checked.stderr
    assert "OK: 5 guides" in checked.stdout
    again = kit.run("new", "guide", "heatwave")
    assert again.returncode == 2 and "already exists" in again.stderr


def test_new_guide_refuses_a_bad_slug(kit):
    result = kit.run("new", "guide", "Canicule 2026")
    assert result.returncode == 2 and "not a valid id" in result.stderr

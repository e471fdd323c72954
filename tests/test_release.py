"""``build --release`` and ``check --release`` refuse placeholders (relais/release.py): example domains in any
address and the demonstration edition, each at its line, with site/ untouched; without ``--release`` the same
kit is valid. Kit: the tiny kit with the demonstration edition of tests/fixtures/edition/."""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES, TINY, Kit, copy_kit
from relais.release import reserved

EDITION = FIXTURES / "edition" / "content"
HOW = "it leads nowhere, on paper too; write the real address before a release, or build without --release"
EXAMPLE = "a domain reserved for examples by RFC 2606"
REAL_SITE = (('base_url: "https://smem.example.org/"', 'base_url: "https://smem.gouv.fr/"'),
             ("mailto:accessibilite@example.org", "mailto:accessibilite@sig.gouv.fr"))


@pytest.fixture
def edition_kit(tmp_path) -> Kit:
    kit = copy_kit(tmp_path / "kit", TINY)
    shutil.copytree(EDITION, kit.root / "content", dirs_exist_ok=True)
    return kit


def published(kit: Kit):
    site = kit.root / "site"
    site.mkdir()
    (site / "index.html").write_text("the site published yesterday", encoding="utf-8")
    return site


def errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if ": error: " in line]


def refused(kit: Kit, expected: list[str]) -> None:
    """``check --release``, ``build --release`` and ``build --dry-run --release`` give exactly ``expected``, exit
    1, and change no file of site/."""
    site = published(kit)
    for command in (("check",), ("build",), ("build", "--dry-run")):
        result = kit.run(*command, "--release")
        assert result.returncode == 1, command
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
        assert errors(result) == expected, command
        assert "nothing was built; site/ is unchanged." in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the site published yesterday"
    assert not [p for p in kit.root.iterdir() if p.name.startswith(".site-")]


def test_the_default_placeholders_are_refused_each_at_its_line(edition_kit: Kit):
    contact = edition_kit.line_of("site.yml", "mailto:accessibilite@example.org")
    refused(edition_kit, [
        "content/editions/demonstration.yml:6:5: error: the demonstration edition is fictitious (example addresses, "
        "accounts and numbers) and cannot be released; delete content/editions/demonstration.yml and its "
        "translations (content/translations/*/editions/demonstration.yml), or build without --release",
        f"content/site.yml:5:11: error: 'base_url' uses 'smem.example.org', {EXAMPLE}: {HOW}",
        f"content/site.yml:{contact}:12: error: 'contact' uses 'example.org', {EXAMPLE}: {HOW}",
    ])
    assert edition_kit.valid()  # without --release the same kit builds as it does today


def test_a_copy_of_the_demonstration_edition_is_refused_at_each_example_address(edition_kit: Kit):
    """A prefecture that copies the demonstration and forgets an address: the edition's base URL, publisher
    URL and account addresses are placeholders each."""
    for old, new in REAL_SITE:
        edition_kit.edit("site.yml", old, new)
    demo = edition_kit.file("editions/demonstration.yml")
    demo.rename(edition_kit.file("editions/nancy.yml"))
    edition_kit.edit("editions/nancy.yml", "id: demonstration", "id: nancy")
    for lang_file in edition_kit.root.glob("content/translations/*/editions/demonstration.yml"):
        lang_file.rename(lang_file.with_name("nancy.yml"))
    publisher, base, handle, account = (edition_kit.line_of("editions/nancy.yml", needle) for needle in (
        "prefecture-demonstration.example.org", "base_url:", "@prefecture@social", "https://social.example.org"))
    file = "content/editions/nancy.yml"
    refused(edition_kit, [
        f"{file}:{publisher}:8: error: 'url' uses 'prefecture-demonstration.example.org', {EXAMPLE}: {HOW}",
        f"{file}:{base}:11: error: 'base_url' uses 'smem.example.org', {EXAMPLE}: {HOW}",
        f"{file}:{handle}:13: error: 'handle' uses 'social.example.org', {EXAMPLE}: {HOW}",
        f"{file}:{account}:10: error: 'url' uses 'social.example.org', {EXAMPLE}: {HOW}",
    ])


def test_a_kit_with_real_addresses_passes_check_release(tiny_kit: Kit):
    for old, new in REAL_SITE:
        tiny_kit.edit("site.yml", old, new)
    result = tiny_kit.run("check", "--release")
    assert result.returncode == 0, result.stderr
    assert errors(result) == []


@pytest.mark.parametrize("host", ["example.org", "smem.example.com", "a.b.example.net", "mairie.test",
                                  "prefecture.example", "x.invalid", "localhost", "dev.localhost", "Example.ORG."])
def test_reserved_hosts(host):
    assert reserved(host)


@pytest.mark.parametrize("host", ["info.gouv.fr", "example.fr", "examples.org", "myexample.org", "test",
                                  "contest.fr", "x.com", "e.g", "1.5"])
def test_real_hosts(host):
    assert reserved(host) is None


def test_release_is_in_the_help(edition_kit: Kit):
    for command in ("build", "check"):
        shown = " ".join(edition_kit.run(command, "--help").stdout.split())
        assert "--release for publishing: also refuse placeholders, i.e. example domains" in shown

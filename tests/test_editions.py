"""Local editions (content/editions/<id>.yml): the tiny kit with the demonstration edition of
tests/fixtures/edition/, built once; every output of the edition carries the edition's publisher, address,
accounts and numbers, and a national sentence reaches both sites. Bad edition input is in the corpus
(tests/bad_input/cases.yml, the ``edition-*`` cases)."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from lxml import html as lxml_html
from PIL import Image

from conftest import FIXTURES, Kit, copy_kit, TINY

EDITION = FIXTURES / "edition" / "content"
OWN = "editions/demonstration/"
ADDRESS = "https://smem.example.org/editions/demonstration/"


def edition_kit(target: Path) -> Kit:
    kit = copy_kit(target, TINY)
    shutil.copytree(EDITION, kit.root / "content", dirs_exist_ok=True)
    return kit


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Kit:
    kit = edition_kit(tmp_path_factory.mktemp("edition"))
    result = kit.run("build")
    assert result.returncode == 0, result.stderr
    return kit


def text_of(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def qr_codes(pdf: Path) -> list[str]:
    document = pdfium.PdfDocument(str(pdf))
    try:
        image = document[0].render(scale=3).to_pil()
    finally:
        document.close()
    return [code.text for code in zxingcpp.read_barcodes(image)]


def test_the_edition_images_carry_its_publisher_address_and_hashtag(built: Kit):
    site = built.root / "site"
    for lang, publisher in (("fr", "Préfecture de démonstration"), ("ar", "محافظة تجريبية")):
        svg = (site / OWN / lang / "media/shelter/shelter-checklist-1080x1080.svg").read_text(encoding="utf-8")
        assert publisher in svg and "#Demo54" in svg
        assert f"smem.example.org/editions/demonstration/{lang}" in svg
        national = (site / lang / "media/shelter/shelter-checklist-1080x1080.svg").read_text(encoding="utf-8")
        assert publisher not in national and "#Demo54" not in national
        with Image.open(site / OWN / lang / "media/shelter/shelter-checklist-1080x1080.png") as png:
            assert png.size == (1080, 1080)


def test_a_long_prefecture_name_is_written_once_and_fits(built: Kit):
    """The site name names the publisher already ("Relais #SMEM – Préfecture de démonstration"): the header
    does not repeat it, so a real prefecture's long name gets the whole line (checked on the landscape
    images, where the header is one line)."""
    from relais.engine.fingerprint import code_digest
    from relais.pipeline import read
    from relais.project import Project
    from relais.render.images.infographics import Shared, image_tasks

    svg = (built.root / "site" / OWN / "fr/media/shelter/shelter-checklist-1200x630.svg").read_text(encoding="utf-8")
    assert svg.count("Préfecture de démonstration") == 1
    project = Project(built.root)
    content, _, _ = read(project)
    long = "Préfecture des Alpes-de-Haute-Provence"
    site = content.site.model_copy(update={"name": f"Relais #SMEM – {long}",
                                           "publisher": content.site.publisher.model_copy(update={"name": long})})
    local = dataclasses.replace(content, site=site)
    tasks = [task for task, job in image_tasks(local, "fr", Shared.read(local, project.infographics_dir), code_digest())
             if job.fmt.landscape]
    assert tasks
    problems = [p.message for task in tasks for p in task.run(task.spec, True).problems]
    assert problems == []


def test_the_edition_leaflets_carry_its_numbers_accounts_and_qr_code(built: Kit):
    for lang in ("fr", "ar"):
        pdf = built.root / "site" / OWN / lang / f"print/shelter-{lang}-a4.pdf"
        text = text_of(pdf)
        assert "03 53 01 00 00" in text and "@PrefDemo" in text and "112" in text
        assert qr_codes(pdf) == [f"{ADDRESS}{lang}/guides/shelter/"]
        national = built.root / "site" / lang / f"print/shelter-{lang}-a4.pdf"
        assert "03 53 01 00 00" not in text_of(national)
        assert qr_codes(national) == [f"https://smem.example.org/{lang}/guides/shelter/"]


def test_the_leaflets_name_each_account_network_from_the_network_table(built: Kit):
    """The network before each handle comes from relais/networks.py, the one table of the networks."""
    from relais.networks import NETWORKS

    text = " ".join(text_of(built.root / "site" / OWN / "fr/print/shelter-fr-a4.pdf").split())
    for network, handle in (("x", "@PrefDemo"), ("mastodon", "@prefecture@social.example.org"),
                            ("facebook", "sdis.demonstration")):
        assert f"{NETWORKS[network].name} {handle}" in text


def test_the_edition_pages_show_its_accounts_and_link_its_numbers(built: Kit):
    home = lxml_html.parse(str(built.root / "site" / OWN / "fr/index.html")).getroot()
    accounts = [a.get("href") for a in home.xpath("//a[@href]")]
    assert {"https://x.com/PrefDemo", "https://social.example.org/@prefecture"} <= set(accounts)  # the tiny kit has none
    assert "tel:+33353010000" in accounts and "tel:112" in accounts  # E.164, as phonenumbers dials it
    arabic = lxml_html.parse(str(built.root / "site" / OWN / "ar/index.html")).getroot()
    number = arabic.xpath("//a[@href='tel:+33353010000']//span[@dir='ltr']")  # else "00 00 01 53 03"
    assert [n.text_content() for n in number] == ["03 53 01 00 00"]
    page = lxml_html.parse(str(built.root / "site" / OWN / "fr/guides/shelter/index.html")).getroot()
    assert "Préfecture de démonstration" in page.text_content()
    assert page.xpath("//link[@rel='canonical']/@href") == [f"{ADDRESS}fr/guides/shelter/"]
    national = (built.root / "site/fr/index.html").read_text(encoding="utf-8")
    assert "PrefDemo" not in national


def test_the_national_site_lists_its_editions(built: Kit):
    site = built.root / "site"
    index = lxml_html.parse(str(site / "editions/index.html")).getroot()
    links = index.xpath("//ul[@class='editions']//h2/a")
    assert [(a.text_content(), a.get("href")) for a in links] == [("Relais #SMEM – Préfecture de démonstration",
                                                                     "demonstration/")]
    assert index.xpath("//ul[@class='languages']//a/@href") == ["demonstration/fr/", "demonstration/ar/"]
    assert 'href="editions/"' in (site / "index.html").read_text(encoding="utf-8")
    sums = (site / OWN / "SHA256SUMS").read_text(encoding="utf-8")
    assert "fr/print/shelter-fr-a4.pdf" in sums and (site / OWN / "relais-site-2026-11-21.zip").is_file() or \
        any(p.suffix == ".zip" for p in (site / OWN).iterdir())


def test_a_national_sentence_reaches_every_edition(built: Kit):
    built.edit("guides/shelter.yml", "Fermez les portes et les fenêtres", "Fermez bien les portes et les fenêtres")
    result = built.run("build")
    assert result.returncode == 0, result.stderr
    for folder in ("", OWN):
        page = (built.root / "site" / folder / "fr/guides/shelter/index.html").read_text(encoding="utf-8")
        assert "Fermez bien les portes" in page
        assert "Fermez bien les portes" in text_of(built.root / "site" / folder / "fr/print/shelter-fr-a4.pdf")


def test_a_new_edition_passes_check_at_once(tmp_path: Path):
    kit = copy_kit(tmp_path / "kit", TINY)
    made = kit.run("new", "edition", "meurthe-et-moselle")
    assert made.returncode == 0, made.stderr
    assert (kit.file("editions/meurthe-et-moselle.yml")).is_file()
    assert (kit.file("translations/ar/editions/meurthe-et-moselle.yml")).is_file()
    from relais.pipeline import read
    from relais.project import Project
    content, _, _ = read(Project(kit.root))
    assert [e.id for e in content.editions] == ["meurthe-et-moselle"]
    assert re.search(r"TODO", kit.file("editions/meurthe-et-moselle.yml").read_text(encoding="utf-8"))
    released = kit.run("check", "--release")  # its TODOs and its placeholder website are what a release refuses
    assert released.returncode == 1 and "'name' still says 'TODO'" in released.stderr
    assert "'url' uses 'todo.invalid'" in released.stderr
    warnings = [line for line in released.stderr.splitlines() if ": warning: " in line]
    assert not [w for w in warnings if "meurthe-et-moselle" in w], warnings  # its translations are stamped

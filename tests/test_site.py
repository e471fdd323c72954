"""The built web site, read as HTML: languages, switcher, hreflang, social tags, legal mentions, security
policy, host files and the offline copy. Browser checks (axe, requests, reflow) are in tests/browser/."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
import yaml
from PIL import Image

from conftest import KIT
from relais.render.web.host import CSP

BASE = "https://smem.example.org/"
# Languages and locales of the frozen default kit (built_site): {code: locale}.
LANGUAGES = {lg["code"]: lg["locale"] for lg in
             yaml.safe_load((KIT / "site.yml").read_text(encoding="utf-8"))["languages"]}
STATUS = {"fr": "Accessibilité : non conforme", "en": "Accessibility: not compliant"}


def pages(site: Path, lang: str) -> list[Path]:
    return sorted((site / lang).rglob("index.html"))


def parse(path: Path):
    return lxml.html.fromstring(path.read_bytes())


def page_path(site: Path, page: Path) -> str:
    """``site/fr/guides/prepare/index.html`` -> ``guides/prepare/`` (the same in every language)."""
    folder = page.parent.relative_to(site).as_posix().split("/", 1)
    return folder[1] + "/" if len(folder) > 1 else ""


def meta(doc, name: str) -> list[str]:
    return doc.xpath(f"//meta[@property='{name}' or @name='{name}']/@content")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_its_language_and_a_strict_policy(built_site: Path, lang: str):
    for page in [*pages(built_site, lang), built_site / lang / "404.html"]:
        doc = parse(page)
        assert doc.get("lang") == lang, page
        assert doc.xpath("//body/@dir") == ["rtl" if lang == "ar" else "ltr"], page
        assert doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content") == [CSP], page
        assert "unsafe-inline" not in CSP
        inline = [s for s in doc.xpath("//script[not(@src)]") if s.get("type") != "application/json"]
        assert inline == [], page  # no inline script: the policy allows none
        assert doc.xpath("//style | //*[@style] | //*[@*[starts-with(name(), 'on')]]") == [], page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hreflang_canonical_and_social_tags(built_site: Path, lang: str):
    for page in pages(built_site, lang):
        doc, path = parse(page), page_path(built_site, page)
        url = f"{BASE}{lang}/{path}"
        assert doc.xpath("//link[@rel='canonical']/@href") == [url], page
        alternates = {a.get("hreflang"): a.get("href") for a in doc.xpath("//link[@rel='alternate'][@hreflang]")}
        assert alternates == {**{code: f"{BASE}{code}/{path}" for code in LANGUAGES}, "x-default": BASE}, page
        title = doc.xpath("//h1")[0].text_content().strip()
        og_title = [t.replace("\u2066", "").replace("\u2069", "") for t in meta(doc, "og:title")]  # RTL isolates
        assert og_title == [title] and meta(doc, "og:url") == [url], page
        assert meta(doc, "og:description") == doc.xpath("//meta[@name='description']/@content") != [""], page
        assert meta(doc, "og:type") == ["website" if path == "" else "article"], page
        assert meta(doc, "og:locale") == [LANGUAGES[lang]], page
        assert meta(doc, "og:locale:alternate") == [loc for code, loc in LANGUAGES.items() if code != lang], page
        assert meta(doc, "twitter:card") == ["summary_large_image"], page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_og_image_is_the_pages_1200x630_card(built_site: Path, lang: str):
    """Fails until the infographics stage writes media/<page>/card-1200x630.* (then og:image appears)."""
    for page in pages(built_site, lang):
        doc = parse(page)
        images = meta(doc, "og:image")
        assert len(images) == 1, f"{page}: no og:image"
        card = built_site / urlsplit(images[0]).path.lstrip("/")
        assert images[0].startswith(f"{BASE}{lang}/media/") and card.is_file(), images[0]
        with Image.open(card) as image:
            assert image.size == (1200, 630)
        assert meta(doc, "og:image:width") == ["1200"] and meta(doc, "og:image:height") == ["630"]
        assert meta(doc, "og:image:alt")[0].strip(), page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_switcher_leads_to_the_same_page(built_site: Path, lang: str):
    for page in pages(built_site, lang):
        links = {a.get("hreflang"): a.get("href") for a in parse(page).xpath("//a[contains(@class, 'md-select__link')]")}
        assert set(links) == set(LANGUAGES), page
        for code, href in links.items():
            assert not urlsplit(href).scheme and not href.startswith("/"), href  # relative: works from disk
            target = (page.parent / href).resolve()
            expected = built_site / code / page_path(built_site, page)
            assert target == expected.resolve() and (target / "index.html").is_file(), (page, href)


@pytest.mark.parametrize("lang", STATUS)
def test_footer_states_accessibility_status_and_links_the_statement(built_site: Path, lang: str):
    for page in [*pages(built_site, lang), built_site / lang / "404.html"]:
        links = parse(page).xpath(f"//footer//a[normalize-space()='{STATUS[lang]}']/@href")
        assert len(links) == 1, page
        base = built_site if links[0].startswith("/") else page.parent
        assert (base / links[0].lstrip("/") / "index.html").resolve() == built_site / lang / "accessibilite/index.html"
    statement = (built_site / lang / "accessibilite/index.html").read_text(encoding="utf-8")
    for needed in ("Défenseur des droits", "mailto:accessibilite@example.org", "2026", "RGAA", "HTML5",
                   "https://formulaire.defenseurdesdroits.fr/"):
        assert needed in statement


def test_nothing_refers_to_third_parties_or_google_fonts(built_site: Path):
    for path in sorted(built_site.rglob("*")):
        if path.suffix in (".html", ".css", ".js"):
            text = path.read_text(encoding="utf-8")
            for banned in ("fonts.googleapis", "fonts.gstatic", "Roboto", "unpkg.com", "cdn.", "google-analytics"):
                assert banned not in text, (path, banned)
        if path.suffix == ".html":
            doc = parse(path)
            loaded = doc.xpath("//script/@src | //img/@src | //link[@rel='stylesheet' or @rel='icon']/@href")
            assert [src for src in loaded if urlsplit(src).scheme or src.startswith("//")] == [], path


def test_pages_load_only_fingerprinted_assets_that_hosts_cache_for_a_year(built_site: Path):
    headers = (built_site / "_headers").read_text(encoding="utf-8")
    assert f"  Content-Security-Policy: {CSP}; frame-ancestors 'none'\n" in headers
    for lang in LANGUAGES:
        for page in pages(built_site, lang):
            doc = parse(page)
            for src in doc.xpath("//script/@src | //link[@rel='stylesheet']/@href"):
                asset = (page.parent / src).resolve().relative_to(built_site.resolve()).as_posix()
                assert re.search(r"\.[0-9a-f]{8}(\.min)?\.(css|js)$", asset), asset
                assert f"/{asset}\n  Cache-Control: public, max-age=31536000, immutable" in headers, asset
        css = next((built_site / lang / "assets/stylesheets").glob("relais.*.css")).read_text(encoding="utf-8")
        for font in re.findall(r'url\("\.\./fonts/([^"]+)"\)', css):
            assert (built_site / lang / "assets/fonts" / font).is_file() and f"/{lang}/assets/fonts/{font}\n" in headers
        assert not (built_site / lang / "assets/javascripts/bundle.a5f9d56c.min.js").exists()  # Material's JS: unused


def test_sitemap_index_lists_every_language(built_site: Path):
    index = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", index)
    assert locations == [f"{BASE}{lang}/sitemap.xml" for lang in LANGUAGES]
    for lang in LANGUAGES:
        listed = re.findall(r"<loc>([^<]+)</loc>", (built_site / lang / "sitemap.xml").read_text(encoding="utf-8"))
        assert sorted(listed) == sorted(f"{BASE}{lang}/{page_path(built_site, p)}" for p in pages(built_site, lang))
    assert f"Sitemap: {BASE}sitemap.xml" in (built_site / "robots.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(("lang", "title"), [("fr", "Page introuvable"), ("en", "Page not found")])
def test_404_page_is_translated_and_its_links_work_from_any_address(built_site: Path, lang: str, title: str):
    doc = parse(built_site / lang / "404.html")
    assert doc.xpath("//h1")[0].text_content().strip() == title
    assert title in doc.xpath("//title")[0].text_content()
    for src in doc.xpath("//link[@rel='stylesheet']/@href | //script/@src | //article//a/@href | //nav//a/@href"):
        assert src.startswith(f"/{lang}/") or src.startswith("https://"), src
    assert f"/{lang}/*  /{lang}/404.html  404" in (built_site / "_redirects").read_text(encoding="utf-8")


def test_guide_page_key_message_first_items_share_links(built_site: Path):
    doc = parse(built_site / "fr/guides/prepare/index.html")
    article = doc.xpath("//article")[0]
    first = article.xpath(".//h1/following-sibling::*[1]")[0]
    assert "abstract" in first.get("class") and "abonnez-vous aux bons comptes officiels" in first.text_content()
    items = article.xpath(".//*[@id='relais-items']//li")
    assert len(items) == 5 and "Suivez les comptes officiels" in items[0].text_content()
    for svg in article.xpath(".//svg[not(ancestor::svg)]"):  # RGAA 1.2.4 / 1.1.5: decorative or named
        assert svg.get("aria-hidden") == "true" or (svg.get("role") == "img" and svg.get("aria-labelledby")), svg.attrib
    links = {a.text_content().strip(): a.get("href") for a in article.xpath(".//a[contains(@class, 'relais-share__link')]")}
    assert list(links) == ["X", "Facebook", "LinkedIn", "WhatsApp", "Bluesky", "Courriel"]
    page = "https%3A%2F%2Fsmem.example.org%2Ffr%2Fguides%2Fprepare%2F"
    assert links["X"].startswith("https://x.com/intent/post?text=Avant%20toute%20crise") and "%23SMEM" in links["X"]
    assert all(page in href for href in links.values())
    assert links["Courriel"].startswith("mailto:?subject=Se%20pr%C3%A9parer")
    assert doc.xpath("//form[@data-relais-mastodon][@hidden]")  # shown by relais.js: needs JavaScript


def test_offline_copy_is_a_deterministic_zip_of_file_links(built_site: Path):
    bundle = built_site / "relais-site-2026-11-21.zip"
    with zipfile.ZipFile(bundle) as archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names) and {i.date_time for i in infos} == {(2026, 11, 21, 0, 0, 0)}
        prefix = "relais-site-2026-11-21/"
        for needed in ("index.html", "fr/index.html", "en/guides/prepare.html", "fr/accessibilite.html",
                       "fr/search/search_index.js"):
            assert prefix + needed in names
        assert prefix + "fr/404.html" not in names
        files = set(names)
        for name in names:
            if name.endswith(".html"):
                doc = lxml.html.fromstring(archive.read(name))
                for href in doc.xpath("//a/@href | //link[@rel='stylesheet']/@href | //script/@src"):
                    parts = urlsplit(href)
                    if parts.scheme or not parts.path:
                        continue
                    target = Path(name).parent.joinpath(parts.path).as_posix()
                    resolved = re.sub(r"[^/]+/\.\./", "", target)
                    while "/../" in resolved:
                        resolved = re.sub(r"[^/]+/\.\./", "", resolved)
                    assert resolved in files, (name, href)
    assert f'href="{bundle.name}"' in (built_site / "index.html").read_text(encoding="utf-8")


def english_incomplete_with_alert(kit) -> None:
    """English marked incomplete, with one text left out; the alert banner on. Part of ``languages_site``
    (conftest.py)."""
    kit.edit("site.yml", "    complete: true", "    complete: false")
    kit.edit("site.yml", "alert:\n  enabled: false", "alert:\n  enabled: true\n  link: \"https://www.example.org/alerte\"")
    data = yaml.safe_load(kit.file("translations/en/guides/prepare.yml").read_text(encoding="utf-8"))
    del data["key_message"]
    kit.file("translations/en/guides/prepare.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_a_right_to_left_language_gets_its_direction_and_locale(built_site: Path):
    """Arabic: lang, dir="rtl", its hreflang address and its Open Graph locale from site.yml. (Once part of the
    test below, which added Arabic when the content did not have it yet; the frozen kit has it.)"""
    arabic = parse(built_site / "ar/guides/prepare/index.html")
    assert arabic.get("lang") == "ar" and arabic.xpath("//body/@dir") == ["rtl"]
    assert arabic.xpath("//link[@hreflang='ar']/@href") == [f"{BASE}ar/guides/prepare/"]
    languages = yaml.safe_load((KIT / "site.yml").read_text(encoding="utf-8"))["languages"]
    assert arabic.xpath("//meta[@property='og:locale']/@content") == [next(l["locale"] for l in languages if l["code"] == "ar")]


def test_untranslated_text_is_marked_and_alert_banner_shows_everywhere(languages_site):
    """A language marked incomplete shows the default text with its own lang and a notice; the alert banner
    appears on every page and on the front door, translated. (The kit of ``languages_site``:
    ``english_incomplete_with_alert``, and German added.)"""
    result = languages_site["build"]
    assert result["returncode"] == 0, result["stderr"]
    site = languages_site["root"] / "site"
    page = (site / "en/guides/prepare/index.html").read_text(encoding="utf-8")
    assert "Part of this page is not translated yet" in page
    assert '<span lang="fr" class="relais-fallback">Avant toute crise' in page
    assert "not translated yet" not in (site / "en/guides/act-responsibly/index.html").read_text(encoding="utf-8")
    for lang, text in (("fr", "Exemple de bandeau d’alerte"), ("en", "Sample alert banner")):
        for path in [*pages(site, lang), site / lang / "404.html"]:
            banner = parse(path).xpath("//aside[contains(@class, 'md-banner')]//div[contains(@class, 'relais-alert--warning')]")
            assert banner and text in banner[0].text_content(), path
            assert banner[0].xpath(".//a/@href") == ["https://www.example.org/alerte"]
        assert text in (site / "index.html").read_text(encoding="utf-8")

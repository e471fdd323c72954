"""The relay kit on real outputs of the relay fixture (tests/fixtures/relay/README.md), built once per run:
every post within its network's limit as that network counts it (Arabic and emoji-heavy posts too), every
image of the size that network shows best, every alt text within its limit, the ZIP's CSV read with the csv
module and matching the page, share links prefilled with each network's post, nothing added to addresses,
and an over-long post reported by ``check`` at its line."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import lxml.html
import pytest
from PIL import Image
from twitter_text import parse_tweet

from relais.networks import CHANNELS, channel
from relais.relay.count import alt_length, post_length
from relay_fixture import built_relay_kit, relay_kit

SITES = {"national": ("", "https://smem.example.org/"), "edition": ("editions/demonstration/",
                                                                     "https://smem.example.org/editions/demonstration/")}
CASES = [(site, lang) for site in SITES for lang in ("fr", "ar")]


@pytest.fixture(scope="module")
def site(shared_dir) -> Path:
    return built_relay_kit(shared_dir)


def bundle(site: Path, prefix: str, lang: str) -> zipfile.ZipFile:
    found = sorted((site / prefix / lang / "relay-kit").glob("*.zip"))
    assert len(found) == 1, found
    return zipfile.ZipFile(found[0])


def rows(archive: zipfile.ZipFile) -> list[dict]:
    name = next(n for n in archive.namelist() if n.endswith("/posts.csv"))
    data = archive.read(name)
    assert data.startswith(b"\xef\xbb\xbf")  # spreadsheets read UTF-8 with its byte order mark
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def page(site: Path, prefix: str, lang: str):
    return lxml.html.fromstring((site / prefix / lang / "relay-kit" / "index.html").read_bytes())


@pytest.mark.parametrize(("which", "lang"), CASES)
def test_every_post_fits_its_network_counted_its_way(site, which, lang):
    found = rows(bundle(site, SITES[which][0], lang))
    assert {r["network"] for r in found} == {c.id for c in CHANNELS}
    for row in found:
        rule = channel(row["network"])
        if rule.limit is None:  # a story: the link sticker's address
            assert row["text"].startswith("https://") and row["length"] == ""
            continue
        assert int(row["length"]) == post_length(rule, row["text"]) <= rule.limit == int(row["limit"])
        if rule.id == "x":
            assert parse_tweet(row["text"]).valid and parse_tweet(row["text"]).weightedLength == int(row["length"])
    emoji = {r["network"]: r for r in found if r["post"] == "emoji"}
    assert "👨‍👩‍👧‍👦" in emoji["x"]["text"]
    # the same emoji-heavy text is longer on Threads (UTF-8 bytes) than on Bluesky (graphemes)
    assert int(emoji["threads"]["length"]) > int(emoji["bluesky"]["length"])
    if lang == "ar":
        assert re.search(r"[\u0600-\u06ff]{3}", emoji["x"]["text"]) and "إنذار" in emoji["x"]["text"]
        # posted as plain text: a left-to-right mark before a Latin "#tag" or "@handle" that follows Arabic or
        # opens a line (so "#SMEM" is not "SMEM#": the browser test lays the posts out), counted with it; no
        # isolate (Bluesky reads a tag "SMEM\u2069" then); on Bluesky, a space between the mark and the "#"
        arabic = [r for r in found if re.search("[\u0600-\u06ff]", r["text"])]  # not the French fallback
        assert arabic
        for row in arabic:
            text = row["text"]
            assert not re.search("[\u2066-\u2069]", text), text
            mark = "\u200e " if row["network"] == "bluesky" else "\u200e"
            for token in re.finditer(r"[#@][A-Za-z]", text):
                before = text[:token.start()].rstrip(" ")
                if before and re.match(r"[A-Za-z0-9/]", before[-1]):
                    continue  # after a Latin run ("https://.../ #SMEM"): one run with it
                assert text[:token.start()].endswith(mark), (row["network"], text[token.start() - 8:token.end() + 5])


@pytest.mark.parametrize(("which", "lang"), CASES)
def test_every_post_has_its_image_in_the_networks_size_and_an_alt_text_within_its_limit(site, which, lang):
    prefix = SITES[which][0]
    archive = bundle(site, prefix, lang)
    for row in rows(archive):
        rule = channel(row["network"])
        images, alts = row["image"].split("\n"), row["alt_text"].split("\n")
        assert images and len(images) == len(alts) and len(images) <= rule.max_images
        for name, alt in zip(images, alts):
            zipped = next(n for n in archive.namelist() if n.endswith("/" + name))
            with Image.open(io.BytesIO(archive.read(zipped))) as image:
                assert f"{image.width}x{image.height}" == rule.image, (row["network"], name)
            published = site / prefix / lang / "media" / name.removeprefix("images/")
            assert published.read_bytes() == archive.read(zipped)  # the site's own file
            assert alt.strip()
            if rule.alt_limit:
                assert alt_length(rule, alt) <= rule.alt_limit


@pytest.mark.parametrize(("which", "lang"), CASES)
def test_the_csv_matches_the_page(site, which, lang):
    prefix = SITES[which][0]
    tree = page(site, prefix, lang)
    cards = tree.xpath("//section[contains(@class, 'relais-post')][@data-relais-networks]")
    shown = []
    for card in cards:
        text = card.xpath(".//*[@data-relais-post]")[0].text_content()
        images = [img.get("src").removeprefix("../media/") for img in card.xpath(".//img[@data-relais-image]")]
        alts = [alt.text_content() for alt in card.xpath(".//*[@data-relais-alt]")]
        for network in card.get("data-relais-networks").split():
            shown.append((network, text, images, alts))
    expected = [(r["network"], r["text"], [i.removeprefix("images/") for i in r["image"].split("\n")],
                 r["alt_text"].split("\n")) for r in rows(bundle(site, prefix, lang))]
    assert sorted(shown, key=repr) == sorted(expected, key=repr)
    for card in cards:  # each card says each network's length, as the CSV does
        lengths = card.xpath(".//p[contains(@class, 'relais-post__length')]")[0].text_content()
        for network in card.get("data-relais-networks").split():
            if channel(network).limit:
                assert channel(network).title in lengths
    # the crisis templates come last, and a link at the top leads there (before the first post)
    jump = tree.xpath("//p[contains(@class, 'relais-relay__jump')]/a")[0]
    order = {element: index for index, element in enumerate(tree.iter())}
    target = tree.xpath(f"//*[@id='{jump.get('href').lstrip('#')}']")[0]
    first_template = tree.xpath("//section[contains(@class, 'relais-post--template')]")[0]
    assert order[jump] < order[cards[0]] < order[target] < order[first_template]


def test_placeholders_are_filled_per_language_edition_and_network_with_nothing_added(site):
    national = {(r["network"], r["post"]): r["text"] for r in rows(bundle(site, "", "fr"))}
    edition = {(r["network"], r["post"]): r["text"] for r in rows(bundle(site, "editions/demonstration/", "ar"))}
    assert "@gouvernementFR" in national[("x", "shelter-now")]
    assert "@gouvernement.bsky.social" in national[("bluesky", "shelter-now")]
    assert "@PrefDemo" in edition[("x", "shelter-now")]  # an edition's own account comes first
    assert "#Demo54" in edition[("x", "shelter-now")] and "#Demo54" not in national[("x", "shelter-now")]
    assert "https://smem.example.org/editions/demonstration/ar/guides/shelter/" in edition[("x", "shelter-now")]
    assert "#Demo54" not in edition[("threads", "emoji")]  # Threads takes one topic
    # Instagram: links cannot be clicked, so the address is written out and the bio's link mentioned
    instagram = national[("instagram", "emoji")]
    assert "smem.example.org/fr/guides/shelter" in instagram and "https://" not in instagram
    assert instagram.endswith("Le lien est dans la bio du compte.")
    for text in [*national.values(), *edition.values()]:
        for url in re.findall(r"https?://\S+", text):
            assert not urlsplit(url).query and not urlsplit(url).fragment  # no tracking parameter
            assert urlsplit(url).hostname == "smem.example.org"  # no shortener
    assert not any("{" in text for text in [*national.values(), *edition.values()])


def test_an_untranslated_post_falls_back_visibly(site):
    tree = page(site, "", "ar")
    fallback = [c for c in tree.xpath("//section[@data-relais-networks]") if "Ne téléphonez pas" in c.text_content()]
    assert fallback and all(c.xpath(".//*[@data-relais-post]//span[@lang='fr']") for c in fallback)
    assert tree.xpath("//html")[0].get("dir") == "rtl"


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_share_links_carry_each_networks_post(site, lang):
    tree = lxml.html.fromstring((site / lang / "guides" / "shelter" / "index.html").read_bytes())
    links = {a.get("href").split("?")[0]: a.get("href") for a in tree.xpath("//a[contains(@class, 'relais-share__link')]")}
    posts = {(r["network"], r["post"]): r["text"] for r in rows(bundle(site, "", lang))}
    x = parse_qs(urlsplit(links["https://x.com/intent/post"]).query)["text"][0]
    assert x == posts[("x", "shelter-now")]
    bluesky = parse_qs(urlsplit(links["https://bsky.app/intent/compose"]).query)["text"][0]
    assert bluesky == posts[("bluesky", "shelter-now")]
    assert unquote(links["https://wa.me/"]).split("text=", 1)[1] == posts[("whatsapp", "shelter-now")]
    mastodon = tree.xpath("//form[@data-relais-mastodon]")[0].get("data-relais-mastodon")
    assert mastodon == posts[("mastodon", "shelter-now")]
    assert not tree.xpath("//script[@src and not(starts-with(@src, '../') or starts-with(@src, 'assets/'))]")


def test_the_zip_says_what_it_holds_in_its_language(site):
    archive = bundle(site, "", "ar")
    names = archive.namelist()
    readme = archive.read(next(n for n in names if n.endswith("/README.txt"))).decode("utf-8")
    assert "posts.csv" in readme and "يحتوي هذا المجلد" in readme
    templates = archive.read(next(n for n in names if n.endswith("/templates.txt"))).decode("utf-8")
    assert "التأكيد الأول" in templates and "{" not in templates and "[المكان]" in templates
    assert bundle(site, "", "ar").read(names[0]) == archive.read(names[0])  # same bytes every time
    assert all(info.date_time[:3] == (2026, 11, 21) for info in archive.infolist())


def test_an_over_long_post_is_a_located_check_error(tmp_path):
    kit = relay_kit(tmp_path / "kit")
    relpath = "translations/ar/guides/shelter.yml"
    kit.edit(relpath, 'x: "إنذار: ادخلوا إلى مبنى،', 'x: "' + "إنذار! " * 30 + 'ادخلوا إلى مبنى،')
    line = kit.line_of(relpath, "إنذار! إنذار!")
    result = kit.run("check")
    assert result.returncode == 1
    errors = [e for e in result.stderr.splitlines() if ": error: " in e]
    expected = re.compile(rf"^content/{re.escape(relpath)}:{line}:\d+: error: post 'shelter-now' is (\d+) characters long "
                          r"in 'ar', 280 at most on X \(as X counts them: a web address 23, an emoji 2\); cut (\d+) characters$")
    found = [expected.match(e) for e in errors]
    assert any(found), errors
    match = next(m for m in found if m)
    assert int(match.group(1)) - 280 == int(match.group(2))
    # the edition, with its longer hashtags and accounts, is reported at the same line, saying so
    assert any("in the edition 'demonstration'" in e and f"{relpath}:{line}:" in e for e in errors), errors

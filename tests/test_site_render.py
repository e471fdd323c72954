"""One language's pages built by MkDocs from a copy of the tiny kit, without images or leaflets (seconds, not
a whole build): what an editor types is what the page shows, and right-to-left pages isolate Latin runs."""

from __future__ import annotations

import re
import shutil

import lxml.html
import pytest

from relais.pipeline import read
from relais.project import Project
from relais.render.web.assets import asset_files, asset_names
from relais.render.web.mkdocs import mkdocs_config, pages_task
from relais.render.web.pages import page_files


def built_pages(kit, lang: str) -> dict[str, bytes]:
    """The published files of ``lang`` (``fr/guides/shelter/index.html``...), by the real pages task."""
    project = Project(kit.root)
    content, _, _ = read(project)
    local = content.in_language(lang)
    assets = asset_files(content, project.theme_dir / "overrides", [], None)
    pages = page_files(local, project.theme_dir / "pages", [], [], {})
    docs = {**assets, **{path: text.encode("utf-8") for path, text in pages.items()}}
    task = pages_task(content, lang, project, docs, [], mkdocs_config(content, local, asset_names(assets)), "test")
    result = task.run(task.spec, False)
    assert result.ok, result.problems
    return result.files


def html_of(files: dict[str, bytes], path: str):
    return lxml.html.fromstring(files[path])


def test_shortcodes_and_markup_in_content_render_as_typed(tiny_kit):
    """No Markdown extension turns an editor's text into an image, an icon or a link (pymdownx.emoji made
    ``:smile:`` a CDN image): the words stay on the page, character for character."""
    typed = ":smile: :material-phone: :fontawesome-brands-x-twitter: [lien](https://evil.example) " \
            "![img](x.png) &copy; `code` *a* https://www.example.org {: .x} ++ins++ ==mark== ~~del~~ H~2~O"
    tiny_kit.edit("guides/shelter.yml", "Fermez les portes et les fenêtres, et éloignez-vous des vitres.", typed)
    files = built_pages(tiny_kit, "fr")
    doc = html_of(files, "fr/guides/shelter/index.html")
    item = doc.xpath("//*[@id='relais-items']//li")[0]
    assert typed in " ".join(item.text_content().split())
    assert item.xpath(".//img | .//a | .//code | .//em | .//ins | .//mark | .//del | .//sub") == []
    assert len(item.xpath(".//svg")) == 1  # the item's own icon, inline (no request)
    for path in (p for p in files if p.endswith(".html")):
        loaded = html_of(files, path).xpath("//img/@src | //script/@src | //link/@href[../@rel='stylesheet']")
        assert [src for src in loaded if "//" in src] == [], path


def test_a_text_with_line_breaks_stays_one_paragraph(tiny_kit):
    """A block scalar (``|``) keeps its line breaks: they must not start a heading, a definition or a list."""
    tiny_kit.edit("guides/shelter.yml", 'summary: "Quatre gestes simples pour rester en sécurité et bien informé '
                  'pendant une alerte."', "summary: |\n  Quatre gestes\n  ===\n  : simples\n\n      code\n  1) un")
    doc = html_of(built_pages(tiny_kit, "fr"), "fr/guides/shelter/index.html")
    article = doc.xpath("//article")[0]
    assert len(article.xpath(".//h1")) == 1 and article.xpath(".//dl | .//pre | .//ol") == []
    assert "Quatre gestes === : simples code 1) un" in " ".join(article.text_content().split())


def test_mkdocs_yml_is_plain_yaml():
    """No ``!!python/name`` tags: another engine (Zensical) reads the same file with a safe loader."""
    import yaml
    from conftest import ROOT

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert not [n for n in names if "emoji" in n or n.startswith("pymdownx.")], names


def test_right_to_left_pages_isolate_latin_runs_and_say_their_direction(tiny_kit):
    """``<html lang dir>`` on every page (the 404 too); in Arabic text each hashtag, handle, address and
    number with its unit sits in its own left-to-right span, so "#SMEM" cannot show as "SMEM#"; a French
    text standing in for a missing translation says it runs left to right; titles (no markup there) carry
    isolates."""
    tiny_kit.edit("translations/ar/guides/shelter.yml", "وتابعوا #SMEM وحسابات المحافظة.",
                  "وتابعوا #SMEM و@gouvernementFR وwww.info.gouv.fr/risques على بعد 20 km.")
    tiny_kit.edit("translations/ar/guides/shelter.yml", 'title: "', 'title: "#SMEM: ', 1)
    tiny_kit.edit("translations/ar/guides/shelter.yml", "    text: \"اتركوا الخطوط للإسعاف. إذا كنتم في خطر، اتصلوا بالرقم 112.\"\n", "")
    files = built_pages(tiny_kit, "ar")
    pages = [p for p in files if p.endswith(".html")]
    assert "ar/404.html" in pages and len(pages) >= 4
    for path in pages:
        root = html_of(files, path)
        assert (root.get("lang"), root.get("dir")) == ("ar", "rtl"), path
        assert root.xpath("//body/@dir") == ["rtl"], path
    doc = html_of(files, "ar/guides/shelter/index.html")
    items = doc.xpath("//*[@id='relais-items']//li")
    runs = [span.text for span in items[1].xpath(".//span[@dir='ltr']")]
    assert runs == ["#SMEM", "@gouvernementFR", "www.info.gouv.fr/risques", "20 km"]
    assert doc.xpath("//h1/span[@dir='ltr']/text()") == ["#SMEM"]
    fallback = items[3].xpath(".//span[@lang='fr']")  # the text removed above: French, left to right
    assert fallback and fallback[0].get("dir") == "ltr" and "112" in fallback[0].text_content()
    assert doc.xpath("//title/text()")[0].startswith("\u2066#SMEM\u2069: ")
    assert "\u2066#SMEM\u2069: " in doc.xpath("//meta[@property='og:title']/@content")[0]
    french = html_of(built_pages(tiny_kit, "fr"), "fr/guides/shelter/index.html")
    assert (french.get("lang"), french.get("dir")) == ("fr", "ltr") and not french.xpath("//article//span[@dir]")


def test_share_texts_mark_latin_runs_in_right_to_left_languages(tiny_kit):
    """What leaves an Arabic page (the prefilled posts, the e-mail, the phone's share menu, the message to
    copy) is plain text: a left-to-right mark opens its handle and hashtag, so "#SMEM" is not posted as
    "SMEM#" (Bluesky's with a space, which its tags need); no isolate; a French page's texts have no mark."""
    from urllib.parse import parse_qs, unquote, urlsplit

    tiny_kit.edit("translations/ar/guides/shelter.yml", "key_message: \"عند الإنذار، احتموا في مكان آمن",
                  "key_message: \"عند الإنذار، تابعوا @gouvernementFR واحتموا في مكان آمن")
    for lang in ("ar", "fr"):
        doc = html_of(built_pages(tiny_kit, lang), f"{lang}/guides/shelter/index.html")
        links = {a.get("href").split("?")[0]: a.get("href") for a in doc.xpath("//a[contains(@class, 'relais-share__link')]")}
        texts = [parse_qs(urlsplit(links[address]).query)["text"][0]
                 for address in ("https://x.com/intent/post", "https://bsky.app/intent/compose")]
        texts.append(unquote(links["https://wa.me/"]).split("text=", 1)[1])
        texts.append(unquote(links["mailto:"]).split("body=", 1)[1])
        texts += doc.xpath("//@data-relais-text | //@data-relais-mastodon")
        texts.append(doc.xpath("//p[contains(@class, 'relais-share__message')]")[0].text_content())
        assert len(texts) == 7 and all("SMEM" in text for text in texts)
        assert not any(re.search("[\u2066-\u2069]", text) for text in texts)
        if lang == "fr":
            assert not any(re.search("[\u200e\u200f]", text) for text in texts)
            continue
        for index, text in enumerate(texts):
            assert ("\u200e @gouvernementFR" if index == 1 else "\u200e@gouvernementFR") in text, text
            assert re.search("(\u200e ?|/ )#SMEM", text), text  # after the address: one run with it


def test_a_number_reached_by_text_message_gets_an_sms_link(tiny_kit):
    tiny_kit.edit("site.yml", '    label: "Numéro d’urgence européen"\n', '    label: "Numéro d’urgence européen"\n'
                  '  - id: "114"\n    number: "114"\n    label: "Personnes sourdes ou malentendantes, par SMS"\n'
                  '    reach: sms\n')
    doc = html_of(built_pages(tiny_kit, "fr"), "fr/index.html")
    links = {a.text_content().strip(): a.get("href") for a in doc.xpath("//a[contains(@class, 'relais-phone')]")}
    assert links == {"112": "tel:112", "114": "sms:114"}


def test_the_publisher_takes_its_article_as_the_subject_of_a_sentence(tiny_kit):
    tiny_kit.edit("site.yml", '  url: "https://www.info.gouv.fr/"\n',
                  '  url: "https://www.info.gouv.fr/"\n  subject: "Le Service d’information du Gouvernement"\n')
    files = built_pages(tiny_kit, "fr")
    statement = " ".join(html_of(files, "fr/accessibilite/index.html").xpath("//article")[0].text_content().split())
    assert "Le Service d’information du Gouvernement s’engage à rendre son site internet accessible" in statement
    footer = html_of(files, "fr/index.html").xpath("//*[contains(@class, 'relais-footer__publisher')]")[0]
    assert footer.text_content().strip() == "Service d’information du Gouvernement"  # a name, not a sentence


def test_the_offline_copy_size_is_written_in_each_language(kit):
    """The front door names the ZIP in every language: each with its own number format and unit (it once said
    "20 494 Ko" to every reader)."""
    from conftest import ROOT
    from relais.render.web.root import root_files

    # Spanish (left out of the frozen kit) for a third number format: its texts do not matter here
    kit.edit("site.yml", "  - code: ar\n", "  - code: es\n    name: Español\n    locale: es_ES\n  - code: ar\n")
    shutil.copytree(kit.file("translations/en"), kit.file("translations/es"))
    content, _, _ = read(Project(kit.root))
    page = lxml.html.fromstring(root_files(content, ROOT / "theme" / "root", bundle_size=20_985_856)["index.html"])
    sizes = {span.get("lang"): span.text_content() for span in page.xpath("//p[@class='offline']/a/span")}
    assert {lang: text[text.index("("):] for lang, text in sizes.items()} == {
        "fr": "(ZIP, 20\u202f494 Ko)", "en": "(ZIP, 20,494 KB)", "es": "(ZIP, 20.494 KB)", "ar": "(ZIP, 20,494 كيلوبايت)"}

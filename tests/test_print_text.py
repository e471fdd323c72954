"""Text that survives every tool: every Arabic print document of the run's shared build (the frozen default kit) extract
as the words of their source, with pdftotext (poppler) and pypdfium2 (pdfium), as search, copy-paste and
screen readers get them.

Known limit, checked separately: a mark drawn over a letter (shadda, harakat) comes out of both readers
beside its word rather than after its letter, pdfium adding a space after it (they order a zero-width mark
by its position, WeasyPrint draws it with an offset), so words are compared without their marks and the
marks are counted; poppler may also put the line holding a mark out of order, so texts with a mark are
checked word by word (texts without one: every word, in order).
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import lxml.html
import pypdfium2 as pdfium
import pytest
from fontTools.ttLib import TTFont

from relais.engine.cache import Cache
from relais.engine.fingerprint import code_digest
from relais.engine.progress import Progress
from relais.engine.runner import Engine
from relais.pipeline import read
from relais.project import Project
from relais.render.print import engine
from relais.render.print.tasks import print_job, print_tasks

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "print"
PROJECT = Project(ROOT)
# The texts a reader must get back: every content text the documents draw, by the class of its element.
TEXT_CLASSES = ("title", "key-message", "summary", "group-heading", "item-title", "item-text", "figure-label",
                "event-title", "event-text", "emergency-note", "number-label", "group-intro")
NARROW = ("number-label",)  # five columns: poppler reads their lines across the columns, so word by word
GRID = ("item-title",)  # two columns in the flyers: pdfium reads a title's second line after its neighbour's first


@pytest.fixture(scope="module")
def arabic(built_site):
    """Every Arabic document of the run's shared build (the frozen default kit): (spec, variant kept, PDF
    bytes), the results read from the run's cache, where that build left them."""
    content, _, _ = read(Project(built_site.parent))
    planned = print_tasks(content, "ar", ROOT / "theme" / "print", PROJECT.cache_dir / "print-fonts", code_digest())
    runner = Engine(Cache(PROJECT.cache_dir / "results"), progress=Progress(enabled=False), jobs=1)
    results = runner.run("print (ar)", [task for task, _ in planned])
    assert runner.built == 0, "the shared build's results were not all in the run's cache"
    return [(task.spec, results[task.name].facts["variant"], results[task.name].files[task.name])
            for task, _ in planned]


def _normal(text: str) -> str:
    """Whitespace collapsed; bidi controls (pdftotext adds embeddings) and pdfium's line-end marker dropped."""
    text = "".join(c for c in text if unicodedata.category(c) != "Cf" and c != "\x02")
    return " ".join(text.split())


def _letters(text: str, join_after_marks: bool = False) -> str:
    """Without marks; with ``join_after_marks``, also without a space after a mark (pdfium puts one inside a
    word, "وفعّ لوا": the known limit above)."""
    if join_after_marks:
        text = re.sub(r"([\u064B-\u065F\u0670]) ", r"\1", text)
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def extracted(pdf: bytes, tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    poppler = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                             check=True).stdout
    document = pdfium.PdfDocument(pdf)
    try:
        pdfium_text = "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()
    return {"pdftotext": _normal(poppler), "pypdfium2": _normal(pdfium_text)}


def drawn_texts(html: str) -> list[tuple[str, str]]:
    """(class, text) of the Arabic content texts the chosen layout draws (a label inside one, like
    "ما يجب تذكره", apart)."""
    tree = lxml.html.fromstring(html)
    texts = []
    for element in tree.xpath("//*[@class]"):
        kind = set(element.get("class").split()) & set(TEXT_CLASSES)
        if kind and element.get("lang") in (None, "ar"):
            for label in element.xpath('.//*[@class="key-label"]'):
                texts.append(("key-label", label.text_content()))
                label.drop_tree()
            texts.append((kind.pop(), element.text_content()))
    return [(kind, _normal(t)) for kind, t in texts if any(unicodedata.bidirectional(c) == "AL" for c in t)]


def _arabic_words(text: str) -> list[str]:
    """The Arabic words of ``text`` in order: runs of Arabic letters, without the punctuation or Latin around
    them (readers place neutral characters at a bidi boundary, "،" or ")", by their own rules)."""
    return re.findall(r"[^\W\d_A-Za-z\u00C0-\u024F]+", text)


def test_arabic_documents_extract_as_their_source_words(arabic, tmp_path):
    lam_alef = 0
    for spec, variant, pdf in arabic:
        html = print_job(spec).variants[variant]
        texts = drawn_texts(html)
        assert len(texts) > 8, spec.path
        # A partly translated page (the fixture's act-responsibly) is mostly French: poppler then reads its
        # lines left to right, so a sentence split by a ":" comes out in two pieces in the other order.
        mostly_arabic = 'class="notice"' not in html
        for reader, got in extracted(pdf, tmp_path).items():
            readings = [f" {' '.join(_arabic_words(_letters(got, join)))} " for join in (False, True)]
            words = " ".join(readings)
            for kind, text in texts:
                wanted = _arabic_words(_letters(text))
                in_order = (kind not in NARROW and (mostly_arabic or reader != "pdftotext")
                            and not (kind in GRID and reader == "pypdfium2"))
                if in_order and not re.search(r"[A-Za-z0-9#@\u064B-\u065F\u0670]", text):  # Arabic only: every word, in order
                    assert any(f" {' '.join(wanted)} " in reading for reading in readings), (spec.path, reader, text)
                else:  # Latin runs move with the reader's bidi, a mark can break poppler's line order: each word
                    assert [w for w in wanted if f" {w} " not in words] == [], (spec.path, reader, text)
            for mark in {c for _, text in texts for c in text if unicodedata.category(c) == "Mn"}:
                assert got.count(mark) >= sum(text.count(mark) for _, text in texts), (spec.path, reader, mark)
            lam_alef += readings[0].count("لا")
    assert lam_alef > 50  # lam-alef ligatures ("الاستعداد", "لا") were among the words checked


def test_the_first_words_of_a_title_with_lam_alef(arabic, tmp_path):
    """The issue's example: الاستعداد قبل الحادث (was "الاس ق عداد ق بل الحاد ث")."""
    spec, _, pdf = next(item for item in arabic if item[0].path.endswith("prepare-ar-a4.pdf"))
    assert str(spec.model.title) == "الاستعداد قبل الحادث"
    for reader, got in extracted(pdf, tmp_path).items():
        assert "الاستعداد قبل الحادث" in got, reader


def test_every_face_of_a_right_to_left_family_shares_one_glyph_order():
    """``fix_rtl_text_maps`` reads the glyph texts from a family's first face for all of them."""
    for family in engine.RTL_FAMILIES:
        orders = {tuple(TTFont(path, lazy=True).getGlyphOrder()) for _, _, path in engine.FONT_FACES[family]}
        assert len(orders) == 1, family


def test_ligatures_are_mapped_right_to_left():
    texts = engine.glyph_texts(engine.FONT_FACES["Relais Almarai"][0][2])
    font = TTFont(engine.FONT_FACES["Relais Almarai"][0][2], lazy=True)
    gid = font.getGlyphID(font.getBestCmap()[0xFEFB])  # LAM WITH ALEF, isolated
    assert texts[gid] == "\u0627\u0644"  # alef, lam: readers reverse visual-order text to "لا"
    assert texts[font.getGlyphID(font.getBestCmap()[0xFECC])] == "\u0639"  # a letter form: its letter
    assert texts[font.getGlyphID(font.getBestCmap()[0x0651])] == "\u0651"  # shadda: the mark alone


def test_addresses_break_only_after_a_slash(arabic, tmp_path):
    """The QR code's address and the sources' addresses come out whole: a line may end after a "/" only
    (the press flyer's caption is narrow enough to wrap them)."""
    wrapped = 0
    for spec, variant, pdf in arabic:
        html = print_job(spec).variants[variant]
        path = tmp_path / "doc.pdf"
        path.write_bytes(pdf)
        lines = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                               check=True).stdout
        lines = "".join(c for c in lines if unicodedata.category(c) != "Cf")
        joined = re.sub(r"/\s*\n\s*", "/", lines)
        addresses = re.findall(r'class="qr-url" dir="ltr">(.*?)</span></p>', html) + \
            re.findall(r'class="url" dir="ltr">(.*?)</span>(?:</li>|</p>)', html)
        assert addresses, spec.path
        for address in addresses:
            address = re.sub(r"<[^>]+>", "", address)
            assert address in joined, (spec.path, address)
            wrapped += address not in lines
    assert wrapped > 0  # some address did wrap: after a "/"


def test_times_follow_the_locale_rule_in_print():
    from relais.clock import format_clock

    assert format_clock("14:49", "fr_FR") == "14:49"
    assert format_clock("14:49", "ar_EG") == "2:49 م"
    content, _, _ = read(Project(FIXTURE))
    spec = next(task.spec for task, doc in print_tasks(content, "ar", ROOT / "theme" / "print",
                                                       PROJECT.cache_dir / "print-fonts", code_digest())
                if doc.page_id == "boston-2013")
    html = print_job(spec).variants[0]
    times = [e.time for e in spec.model.events if e.time]
    assert times and all(format_clock(t, "ar_EG") in html for t in times)

"""WeasyPrint, locked down: the fonts, the files it may read, the logs that fail a build, reproducible bytes.

This module turns ready HTML + CSS strings into PDF bytes. It knows nothing about the content: the
documents are prepared by ``print_view`` and the templates in ``theme/print/``. Everything here runs in
worker processes, so a job (``PrintJob``) holds only plain, picklable values, and nothing here writes a
file but the font cache (``run_job``, the old entry point of ``documents.py``, writes its PDF).

The API, for a build engine that runs one document per task:

- ``render_document(job, write=True, kept=None) -> LaidOut``: lays out the variants until one fits and, with
  ``write``, draws the PDF bytes; ``kept`` (what a check of the same job found) skips the ladder. Content
  mistakes come back as ``LaidOut.problems`` (sentences for the editor: the text overflows a one-sided format,
  a character none of our fonts has); ``PrintError`` is raised only for what is not the content's fault (a
  refused URL, a WeasyPrint error caused by the theme).
- ``font_face_css(cache_dir)`` and ``font_roots(cache_dir)``: the ``@font-face`` rules of a job and the font
  folders its fetcher may read.

Fonts. Noto Sans and Noto Sans Arabic come as variable fonts. WeasyPrint (70) instantiates a variable
font *after* subsetting it, with fontTools, in every PDF: half of the time of an Arabic leaflet, and
fontconfig presents the variable file's named instances under our family, weight forced, so Pango laid out
bold Arabic with the regular advances while the PDF embedded bold outlines (cramped words). So each face is made once as a static instance
(HarfBuzz's instancer through uharfbuzz: 50 ms a face, fontTools' took 3 to 23 s; outlines equal to
fontTools' to 1 font unit), stored under a hash of its inputs (font bytes, HarfBuzz and uharfbuzz versions,
the instancing code) in ``<cache>/print-fonts/``, and the ``@font-face`` rules point at these files. The
instance keeps the source font's ``head.modified``, so it never depends on when the cache was made.

Safety and reproducibility, in one place:

- ``SafeFetcher`` is the only way WeasyPrint reads anything: ``data:`` URLs, files inside the print theme
  folder, the fontpkg font files and the font cache (symlinks resolved). Everything else (other files,
  http(s), ftp...) is refused and recorded; a refused fetch fails the document. No network handler is ever
  called, so there is nothing to redirect.
- ``FONTCONFIG_FILE`` points at ``theme/print/fonts.conf`` (no font folder) while rendering, so fontconfig
  knows no system font: a glyph missing from our fonts is reported, never drawn with a system font.
- ``SOURCE_DATE_EPOCH`` is set from the content's date while rendering (fontTools, when WeasyPrint subsets
  with it for lack of libharfbuzz-subset, stamps it in the fonts), and restored afterwards.
- Every WeasyPrint ERROR record (missing alt text, missing lang, unloadable resource) and the warnings
  that mean lost content (unloadable fonts) fail the document with ``PrintError``.

Languages of parts. WeasyPrint 70 writes ``/Lang`` only on the document; a passage in another language (a
text shown in the default language because its translation is missing) must say so to screen readers
(PDF/UA-1 7.2, WCAG 3.1.2). No public WeasyPrint hook links an HTML element to its structure element:
``finisher=`` gets the pydyf objects but not which box made them, and patching ``tags._build_box_tree`` is
patching a private function. So ``mark_languages`` post-processes the PDF: pypdfium2 reads the text of
each marked-content id, the structure tree (pikepdf) gives the order of those ids, and a run of
structure elements whose text is exactly a passage's gets the passage's ``/Lang``. What WeasyPrint would
need (upstream): in ``pdf/tags.py`` ``_build_box_tree``, ``element['Lang'] = pydyf.String(lang)`` when
``box.element.get('lang')`` differs from the parent's, which would make this post-processing unnecessary.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import io
import logging
import mimetypes
import os
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable
from urllib.parse import unquote, unquote_to_bytes, urlsplit
from urllib.request import url2pathname

import fontpkg_almarai
import fontpkg_atkinson_hyperlegible
import fontpkg_noto_sans
import fontpkg_noto_sans_arabic

# Families as the CSS names them -> (weight, style, file) faces. Variable files serve 400 and 700.
_ATKINSON = Path(fontpkg_atkinson_hyperlegible.__file__).resolve().parent / "files"
_NOTO = Path(fontpkg_noto_sans.__file__).resolve().parent / "files"
_NOTO_ARABIC = Path(fontpkg_noto_sans_arabic.__file__).resolve().parent / "files"
_ALMARAI = Path(fontpkg_almarai.__file__).resolve().parent / "files"
FONT_FACES: dict[str, tuple[tuple[int, str, Path], ...]] = {
    "Relais Atkinson": (
        (400, "normal", _ATKINSON / "AtkinsonHyperlegible-Regular.ttf"),
        (700, "normal", _ATKINSON / "AtkinsonHyperlegible-Bold.ttf"),
        (400, "italic", _ATKINSON / "AtkinsonHyperlegible-Italic.ttf"),
        (700, "italic", _ATKINSON / "AtkinsonHyperlegible-BoldItalic.ttf"),
    ),
    "Relais Noto Sans": (
        (400, "normal", _NOTO / "NotoSans[wdth,wght].ttf"),
        (700, "normal", _NOTO / "NotoSans[wdth,wght].ttf"),
        (400, "italic", _NOTO / "NotoSans-Italic[wdth,wght].ttf"),
        (700, "italic", _NOTO / "NotoSans-Italic[wdth,wght].ttf"),
    ),
    # Arabic text: Almarai, whose glyphs each stand for one character (see "text of right-to-left fonts").
    "Relais Almarai": (
        (400, "normal", _ALMARAI / "Almarai-Regular.ttf"),
        (700, "normal", _ALMARAI / "Almarai-Bold.ttf"),
    ),
    # Only for the rare Arabic-script letters Almarai lacks (Persian, Urdu...).
    "Relais Noto Arabic": (
        (400, "normal", _NOTO_ARABIC / "NotoSansArabic[wdth,wght].ttf"),
        (700, "normal", _NOTO_ARABIC / "NotoSansArabic[wdth,wght].ttf"),
    ),
}
# Right-to-left families whose text map (ToUnicode) is rebuilt from the font's own tables.
RTL_FAMILIES = ("Relais Almarai",)
# Where static instances go when no cache folder is given (the build runs from the project folder).
DEFAULT_FONT_CACHE = Path.cwd() / ".relais-cache" / "print-fonts"
FONT_ROOTS = (_ATKINSON, _NOTO, _NOTO_ARABIC, _ALMARAI, DEFAULT_FONT_CACHE)  # what jobs using the default cache may read
# What the embedded font names of our PDFs may start with (after the subset prefix).
FONT_NAME_PREFIXES = tuple(name.replace(" ", sep) for name in FONT_FACES for sep in ("-", "", " "))

END_ANCHOR = "relais-end"  # an empty element that ends every document's body (theme/print/base.html)
MAIN_END_ANCHOR = "relais-main-end"  # and one that ends its <main> (the advice, before the numbers)
# Warnings that mean a resource was not loaded: they fail a document like errors.
_FATAL_WARNINGS = ("Failed to load", "cannot be loaded", "Unknown PDF option", "Unknown rendering option")
_NOTDEF = re.compile(r"\.notdef glyph .*\(U\+([0-9A-Fa-f]{4,6})\)")


class PrintError(Exception):
    """A print document could not be made as designed, for a reason that is not a content mistake (a refused
    URL, a WeasyPrint error caused by the theme, a missing theme); the message names the document."""


# --- fonts -----------------------------------------------------------------------------------------


def _instantiate(data: bytes, weight: int) -> bytes:
    """A static instance of a variable font at ``weight``, every other axis at its default (wdth 100), with
    every glyph, table, name and layout feature kept (HarfBuzz keeps ``head.modified`` as it is)."""
    import uharfbuzz as hb

    face = hb.Face(hb.Blob(data))
    wanted = hb.SubsetInput()
    wanted.keep_everything()
    wanted.pin_all_axes_to_default(face)
    wanted.pin_axis_location(face, "wght", weight)
    return hb.subset(face, wanted).blob.data


def _static_instance(source: Path, weight: int, folder: Path) -> Path:
    import uharfbuzz as hb

    data = source.read_bytes()
    key = hashlib.sha256(b"\0".join([data, str(weight).encode(), hb.__version__.encode(),
                                     hb.version_string().encode(), inspect.getsource(_instantiate).encode()]))
    path = folder / f"{source.name.split('[')[0]}-{weight}-{key.hexdigest()[:32]}.ttf"
    if not path.is_file():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            temporary.write_bytes(_instantiate(data, weight))
            os.replace(temporary, path)  # atomic: workers may make the same instance at once
        except OSError as error:
            raise PrintError(f"cannot write the print font cache {folder}: {error}") from None
    return path


@lru_cache(maxsize=4)
def static_faces(folder: Path) -> dict[str, tuple[tuple[int, str, Path], ...]]:
    """``FONT_FACES`` with each variable file replaced by its static instance in ``folder`` (made if missing)."""
    return {family: tuple((weight, style, _static_instance(path, weight, folder) if "[" in path.name else path)
                          for weight, style, path in faces)
            for family, faces in FONT_FACES.items()}


def _font_folder(cache_dir: Path | None) -> Path:
    return Path(cache_dir or DEFAULT_FONT_CACHE).resolve()


def font_face_css(cache_dir: Path | None = None) -> str:
    """``@font-face`` rules for our fonts (file URLs that only ``SafeFetcher`` will open); the variable fonts
    as static instances kept in ``cache_dir`` (default ``DEFAULT_FONT_CACHE``)."""
    folder = _font_folder(cache_dir)
    if not all(path.is_file() for faces in static_faces(folder).values() for _, _, path in faces):
        static_faces.cache_clear()  # the cache folder was emptied while this process ran
    rules = []
    for family, faces in static_faces(folder).items():
        for weight, style, path in faces:
            rules.append(f'@font-face {{ font-family: "{family}"; src: url("{path.as_uri()}"); '
                         f"font-weight: {weight}; font-style: {style}; }}")
    return "\n".join(rules) + "\n"


def font_roots(cache_dir: Path | None = None) -> tuple[Path, ...]:
    """The folders the fetcher must allow for the fonts of ``font_face_css(cache_dir)``."""
    return (_ATKINSON, _NOTO, _NOTO_ARABIC, _ALMARAI, _font_folder(cache_dir))


@lru_cache(maxsize=1)
def _covered() -> frozenset[int]:
    """Every code point one of our fonts has a glyph for (Pango falls back from one of them to another)."""
    import uharfbuzz as hb

    covered: set[int] = set()
    for path in {path for faces in FONT_FACES.values() for _, _, path in faces}:
        covered.update(hb.Face(hb.Blob.from_file_path(str(path))).unicodes)
    return frozenset(covered)


def _needs_glyph(char: str) -> bool:
    # Spaces, controls and format characters (ZWJ, bidi marks, soft hyphen) are drawn without a glyph.
    return not char.isspace() and unicodedata.category(char) not in ("Cc", "Cf")


def missing_glyph_problem(char: str, context: str = "") -> str:
    where = f' (in "{context}")' if context else ""
    return (f'the character "{char}" (U+{ord(char):04X}) is in none of the print fonts{where}; '
            "replace it with a common character or remove it")


# --- text of right-to-left fonts -------------------------------------------------------------------
# WeasyPrint 70 maps each glyph to the text it was first drawn with (ToUnicode). In Arabic that goes wrong
# twice: a mark drawn over a letter shares the letter's cluster, so one of the two glyphs gets both
# characters and the other none, for the whole document; and every reader (poppler, pdfium, pdf.js,
# pdfminer) expands a ligature's text in the visual order of the content stream, so lam-alef "لا" comes
# out "ال". Fonts that draw a letter from several shared glyphs (Noto Sans Arabic: a dotless skeleton plus
# dots) cannot be mapped at all, hence Almarai, one glyph per letter form. Its map is rebuilt from the font
# itself: each glyph gets the character its cmap gives (presentation forms decomposed, U+FEFB -> "لا"),
# and a ligature's letters are written right to left, the order readers expect in visual-order content.


def _is_rtl_text(text: str) -> bool:
    return all(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


@lru_cache(maxsize=4)
def glyph_texts(path: Path) -> dict[int, str]:
    """glyph id -> the text it stands for, from the font's cmap, ligatures in visual (right-to-left) order."""
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    gids = {name: gid for gid, name in enumerate(font.getGlyphOrder())}
    cmap = sorted(font.getBestCmap().items())
    texts: dict[int, str] = {}
    for presentation in (False, True):  # a letter's own code point wins over a presentation form
        for code, name in cmap:
            if (0xFB50 <= code <= 0xFEFF) == presentation:
                text = "".join(unicodedata.normalize("NFKC", chr(code)).split()) if presentation else chr(code)
                texts.setdefault(gids[name], text[::-1] if len(text) > 1 and _is_rtl_text(text) else text)
    return texts


def fixed_rtl_text(pdf: bytes) -> bytes:
    """``pdf`` with the text maps of its right-to-left fonts rebuilt (``fix_rtl_text_maps``), reproducibly."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        if not fix_rtl_text_maps(document):
            return pdf
        out = io.BytesIO()
        document.save(out, deterministic_id=True)
    return out.getvalue()


def _rtl_family(base_font: str) -> str | None:
    name = base_font.lstrip("/").split("+", 1)[-1]
    return next((family for family in RTL_FAMILIES if name.startswith(family.replace(" ", "-"))), None)


def fix_rtl_text_maps(document: Any) -> bool:
    """Rewrite the ToUnicode map of every right-to-left font of ``document`` (pikepdf) from the font's own
    tables (every face of a family shares one glyph order: tests check it). True if anything changed."""
    import pikepdf

    changed = False
    for obj in document.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != "/Font" or "/ToUnicode" not in obj:
            continue
        family = _rtl_family(str(obj.get("/BaseFont", "")))
        if family is None:
            continue
        texts = glyph_texts(FONT_FACES[family][0][2])
        old = obj.ToUnicode.read_bytes().decode("ascii")

        def entry(match: re.Match) -> str:
            text = texts.get(int(match.group(1), 16))
            return match.group(0) if text is None else f"<{match.group(1)}> <{text.encode('utf-16-be').hex()}>"

        new = re.sub(r"<([0-9a-fA-F]{4})> <([0-9a-fA-F]*)>", entry, old)
        if new != old:
            obj.ToUnicode = document.make_stream(new.encode("ascii"))
            changed = True
    return changed


# --- the URL fetcher -------------------------------------------------------------------------------


def _within(path: Path, roots: tuple[Path, ...]) -> bool:
    return any(path.is_relative_to(root) for root in roots)


class SafeFetcher:
    """Allow-list fetcher. Built lazily on WeasyPrint's ``URLFetcher`` so that this module imports fast."""

    def __new__(cls, allowed_roots: tuple[Path, ...]):
        from weasyprint.urls import URLFetcher, URLFetcherResponse

        class _Fetcher(URLFetcher):
            def __init__(self) -> None:
                # No redirects, and our fetch() below never reaches urllib's network handlers anyway.
                super().__init__(allowed_protocols=("data", "file"), allow_redirects=False, fail_on_errors=False)
                self.roots = tuple(Path(r).resolve() for r in allowed_roots)
                self.refused: list[str] = []

            def fetch(self, url, headers=None):
                try:
                    mime, body = resolve_url(url, self.roots)
                except PermissionError:
                    self.refused.append(url)
                    raise
                return URLFetcherResponse(url, body, {"Content-Type": mime})

        return _Fetcher()


def resolve_url(url: str, roots: tuple[Path, ...]) -> tuple[str, bytes]:
    """(media type, bytes) of an allowed URL; ``PermissionError`` for anything outside the allow-list."""
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme == "data":
        return _decode_data_url(url)
    if scheme == "file":
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise PermissionError(f"refused remote file URL {url!r}")
        try:
            path = Path(url2pathname(unquote(parts.path))).resolve(strict=True)
        except (OSError, RuntimeError):
            raise PermissionError(f"refused {url!r}: no such file") from None
        if not path.is_file() or not _within(path, roots):
            raise PermissionError(f"refused {url!r}: outside the print theme and font folders")
        mime = {".css": "text/css", ".svg": "image/svg+xml", ".ttf": "font/ttf", ".otf": "font/otf"}.get(
            path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return mime, path.read_bytes()
    raise PermissionError(f"refused {url!r}: only data: URLs and local theme/font files may be read")


def _decode_data_url(url: str) -> tuple[str, bytes]:
    import base64
    import binascii

    header, sep, data = url[5:].partition(",")
    if not sep:
        raise PermissionError("refused malformed data: URL")
    params = header.split(";")
    mime = params[0] or "text/plain"
    if params[-1].lower() == "base64":
        try:
            return mime, base64.b64decode(unquote_to_bytes(data), validate=False)
        except binascii.Error:
            raise PermissionError("refused malformed base64 data: URL") from None
    return mime, unquote_to_bytes(data)


# --- the environment of a render ------------------------------------------------------------------

_ENV_LOCK = threading.RLock()  # held for a whole render: the environment is process-wide


@contextlib.contextmanager
def render_environment(source_date_epoch: int, fontconfig_file: Path):
    """Set SOURCE_DATE_EPOCH and FONTCONFIG_FILE for the duration of a render, then restore them."""
    wanted = {"SOURCE_DATE_EPOCH": str(source_date_epoch), "FONTCONFIG_FILE": str(fontconfig_file)}
    with _ENV_LOCK:
        saved = {key: os.environ.get(key) for key in wanted}
        os.environ.update(wanted)
        try:
            yield
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


class _Collector(logging.Handler):
    """Keeps the WeasyPrint records that fail a document, and the characters drawn as .notdef."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.fatal: list[str] = []
        self.warnings: list[str] = []
        self.missing: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if notdef := _NOTDEF.search(message):
            self.missing.append(chr(int(notdef.group(1), 16)))
        elif record.levelno >= logging.ERROR or any(marker in message for marker in _FATAL_WARNINGS):
            self.fatal.append(message)
        elif "HarfBuzz-Subset" not in message:  # a note about the subsetter used, not about the document
            self.warnings.append(message)


@contextlib.contextmanager
def collect_weasyprint_logs():
    logger = logging.getLogger("weasyprint")
    handler = _Collector()
    saved_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved_level)


# --- what a document draws: its text and its passages in another language ------------------------

_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_UNDRAWN = frozenset({"head", "script", "style", "template", "svg"})  # an <svg>'s <title> is its alt text


class _TextScan(HTMLParser):
    """The text a document draws, and each element's text in a language other than the document's."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, int | None]] = []  # (tag, language, passage index)
        self.hidden = 0
        self.text: list[str] = []
        self.passages: list[list[str]] = []  # [language, text]

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _VOID:
            return
        parent_lang, passage = self.stack[-1][1:] if self.stack else ("", None)
        lang = dict(attrs).get("lang") or parent_lang
        if not self.stack:  # <html>: the document's language
            passage = None
        elif lang != parent_lang:
            document_lang = self.stack[0][1]
            passage = None if lang == document_lang else len(self.passages)
            if passage is not None:
                self.passages.append([lang, ""])
        self.stack.append((tag, lang, passage))
        self.hidden += tag in _UNDRAWN

    def handle_endtag(self, tag: str) -> None:
        if any(open_tag == tag for open_tag, _, _ in self.stack):
            while self.stack:
                open_tag = self.stack.pop()[0]
                self.hidden -= open_tag in _UNDRAWN
                if open_tag == tag:
                    break

    def handle_data(self, data: str) -> None:
        if self.hidden or not self.stack:
            return
        self.text.append(data)
        if (passage := self.stack[-1][2]) is not None:
            self.passages[passage][1] += data


def scan_text(html: str) -> tuple[str, list[tuple[str, str]]]:
    """(the text a document draws, its passages in another language as (language, text))."""
    scan = _TextScan()
    scan.feed(html)
    scan.close()
    passages = [(lang, " ".join(text.split())) for lang, text in scan.passages if text.strip()]
    return "".join(scan.text), passages


def missing_glyphs(text: str) -> list[str]:
    """A problem sentence for every character of ``text`` that none of our fonts can draw."""
    covered = _covered()
    problems = []
    for char in dict.fromkeys(text):
        if _needs_glyph(char) and ord(char) not in covered:
            at = text.index(char)
            problems.append(missing_glyph_problem(char, " ".join(text[max(0, at - 20):at + 20].split())))
    return problems


# --- languages of parts, on the finished PDF -------------------------------------------------------


def _normal(text: str) -> str:
    # What survives extraction from the PDF: no spaces, no hyphens (pdfium gives a line-end one as U+0002),
    # text-transform undone.
    return "".join(char for char in text.casefold() if _needs_glyph(char) and char not in "-\u2010")


def _marked_texts(pdf: bytes) -> dict[tuple[int, int], str]:
    """(page index, marked-content id) -> the text drawn inside it (pypdfium2)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    texts: dict[tuple[int, int], str] = {}
    document = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT]):
                mcid = raw.FPDFPageObj_GetMarkedContentID(obj.raw)
                if mcid < 0:
                    continue
                size = raw.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)  # bytes, UTF-16LE, with NUL
                buffer = ctypes.create_string_buffer(size)
                raw.FPDFTextObj_GetText(obj.raw, textpage.raw, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)),
                                        size)
                key = (index, mcid)
                texts[key] = texts.get(key, "") + buffer.raw[:size - 2].decode("utf-16-le", errors="replace")
    finally:
        document.close()
    return texts


def _find_run(leaves: list[str], used: list[bool], target: str) -> range | None:
    """The first run of unused leaves whose texts make ``target``: in order, or (right-to-left text may come
    out in visual order) as the same characters."""
    for exact in (True, False):
        for start, first in enumerate(leaves):
            if used[start] or not first:
                continue
            joined, end = "", start
            while end < len(leaves) and len(joined) < len(target) and not used[end]:
                joined += leaves[end]
                end += 1
                if exact and not target.startswith(joined):
                    break
            if (joined == target) if exact else (sorted(joined) == sorted(target)):
                return range(start, end)
    return None


def mark_languages(pdf: bytes, passages: list[tuple[str, str]]) -> tuple[bytes, list[str]]:
    """Write ``/Lang`` on the structure elements that draw each passage (see the module docstring).

    Returns the new bytes and the passages it could not find (a warning: the PDF stays valid, only less
    precise for screen readers). Saving keeps the bytes reproducible (deterministic /ID)."""
    import pikepdf

    texts = _marked_texts(pdf)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        pages = {page.objgen: index for index, page in enumerate(document.pages)}
        elements: list[Any] = []  # one per marked-content id, in the structure tree's (reading) order
        leaves: list[str] = []

        def walk(element) -> None:
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, int) and "/Pg" in element:
                    elements.append(element)
                    leaves.append(_normal(texts.get((pages.get(element.Pg.objgen, -1), kid), "")))
                elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    walk(kid)

        walk(document.Root.StructTreeRoot)
        used = [False] * len(leaves)
        lost = []
        for lang, text in passages:
            run = _find_run(leaves, used, _normal(text))
            if run is None:
                lost.append(f"could not mark the language ({lang}) of {text[:50]!r} in the PDF tags")
                continue
            for index in run:
                used[index] = True
                elements[index].Lang = pikepdf.String(lang)
        out = io.BytesIO()
        document.save(out, deterministic_id=True)
    return out.getvalue(), lost


# --- the boxes of a press page --------------------------------------------------------------------


def bleed_box_finisher(bleed_mm: float) -> Callable[[Any, Any], None]:
    """A ``write_pdf`` finisher (public WeasyPrint API: it gets the pydyf PDF before it is written) that sets
    every page's BleedBox to its TrimBox plus ``bleed_mm``. WeasyPrint's CSS ``bleed`` is the MediaBox (here
    bleed and slug) and it puts the BleedBox at most 10 pt out of the trim, whatever the bleed."""
    import pydyf

    bleed = bleed_mm * 72 / 25.4

    def finish(document: Any, pdf: Any) -> None:
        for obj in pdf.objects:
            if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Page" and "TrimBox" in obj:
                left, bottom, right, top = obj["TrimBox"]
                obj["BleedBox"] = pydyf.Array([left - bleed, bottom - bleed, right + bleed, top + bleed])

    return finish


# --- a job -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrintJob:
    """One PDF to make. ``variants`` go from the most generous layout to the most compact one: the first
    that fits in ``max_pages`` is kept."""

    name: str  # shown in messages, e.g. "print/prepare-fr-a4-press.pdf"
    out_path: str  # used only by run_job
    variants: tuple[str, ...]  # HTML documents
    stylesheets: tuple[str, ...]  # CSS texts
    base_url: str  # file URL of theme/print/, for relative references in templates and CSS
    allowed_roots: tuple[str, ...]
    fontconfig_file: str
    source_date_epoch: int
    max_pages: int | None
    hard_limit: bool = True  # more pages than max_pages with the densest variant: a problem (else: accepted)
    bleed_mm: float | None = None  # press: the PDF BleedBox is the TrimBox plus this (WeasyPrint's is not)
    fill_to: float | None = None  # the y (CSS px) the end of the body is pushed down to, on its last page
    overleaf_css: str | None = None  # added when the document turns a page ("continued overleaf"); {last}: pages
    fill_gaps: int = 0  # how many gaps the theme's --fill-gap widens; 0: the room left goes above the numbers


@dataclass(frozen=True)
class LaidOut:
    """What ``render_document`` found, and made."""

    name: str
    variant: int  # index in job.variants of the layout kept (the densest when none fits)
    pages: int
    layouts: int  # how many layouts were made: the variants tried, then the fill
    problems: tuple[str, ...] = ()  # content mistakes, sentences for the editor; none: the document is good
    warnings: tuple[str, ...] = ()  # WeasyPrint warnings that lose nothing, passages left without /Lang
    pdf: bytes | None = field(default=None, repr=False)  # with write=True and no problems
    measure: "Measure | None" = None  # of the variant kept, unfilled (None when a check's measure was reused)


@dataclass(frozen=True)
class Kept:
    """What a check of a job found, for the build of the same job: the variant, its pages and its measure."""

    variant: int
    pages: int
    measure: "Measure | None" = None


@dataclass(frozen=True)
class JobResult:
    name: str
    out_path: str
    size_bytes: int
    pages: int
    variant: int
    warnings: tuple[str, ...] = ()


class _Session:
    """What a worker process keeps between documents: the font configuration (fonts loaded once), the fetcher
    and the parsed stylesheets (the theme's CSS is the same for every document)."""

    def __init__(self, roots: tuple[Path, ...]) -> None:
        from weasyprint.text.fonts import FontConfiguration

        self.font_config = FontConfiguration()
        self.fetcher = SafeFetcher(roots)
        self.sheets: dict[tuple[str, str], tuple[Any, list[str], list[str]]] = {}

    def stylesheet(self, text: str, base_url: str, logs: _Collector):
        """The parsed stylesheet; what its parsing refused or logged counts again for every document."""
        from weasyprint import CSS

        key = (text, base_url)
        if key in self.sheets:
            sheet, refused, fatal = self.sheets[key]
            self.fetcher.refused.extend(refused)
            logs.fatal.extend(fatal)
            return sheet
        if len(self.sheets) > 64:
            self.sheets.clear()
        refused_before, fatal_before = len(self.fetcher.refused), len(logs.fatal)
        sheet = CSS(string=text, base_url=base_url, url_fetcher=self.fetcher, font_config=self.font_config)
        self.sheets[key] = (sheet, self.fetcher.refused[refused_before:], logs.fatal[fatal_before:])
        return sheet


_SESSIONS: dict[tuple, _Session] = {}


def _session(job: PrintJob) -> _Session:
    key = (job.allowed_roots, job.fontconfig_file)
    if key not in _SESSIONS:
        # Never dropped: after a process had dropped two sessions (documents of three projects, seen in
        # tests), Arabic came out as missing glyphs in the next one; keeping them alive avoids it (WeasyPrint
        # tells some font data apart by address, issue #2144). A build has one key a process.
        _SESSIONS[key] = _Session(tuple(Path(r) for r in job.allowed_roots))
    return _SESSIONS[key]


def _fits(job: PrintJob, pages: int) -> bool:
    return job.max_pages is None or pages <= job.max_pages


def _choose(job: PrintJob, lay_out: Callable[[int], Any]) -> tuple[int, Any]:
    """(index, document) of the most generous variant that fits, else the densest.

    Generous first, one at a time: most documents fit their first or second variant, where this makes the
    fewest layouts (a bisection would make more), and it needs no guess about how text shrinks."""
    document = None
    for index in range(len(job.variants)):
        document = lay_out(index)
        if _fits(job, len(document.pages)):
            if _orphan_page(document):
                return _without_orphan(job, lay_out, index, document)
            return index, document
    return len(job.variants) - 1, document


ORPHAN_SHARE = 0.5  # a last page filled less than this is worth a denser variant (as readable) that saves it


def _end(document: Any) -> float | None:
    """Where the body ends (CSS px from the top) on the last page: the ``relais-end`` anchor."""
    end = document.pages[-1].anchors.get(END_ANCHOR)
    return end[1] if end else None


def _orphan_page(document: Any) -> bool:
    """The last page of several holds only a little of the end (the colophon, or the numbers alone: seen in A4
    leaflets), or only what follows the advice (an edition's leaflet: its numbers, QR code and accounts)."""
    if len(document.pages) < 2:
        return False
    end = _end(document)
    after_main = (MAIN_END_ANCHOR not in document.pages[-1].anchors
                  and any(MAIN_END_ANCHOR in p.anchors for p in document.pages))
    return end is not None and (end < ORPHAN_SHARE * document.pages[-1].height or after_main)


def _without_orphan(job: PrintJob, lay_out: Callable[[int], Any], index: int, document: Any) -> tuple[int, Any]:
    """The first denser variant that has a page less, else the one already made."""
    for denser in range(index + 1, len(job.variants)):
        candidate = lay_out(denser)
        if len(candidate.pages) < len(document.pages):
            return denser, candidate
    return index, document


def _resumed(job: PrintJob, lay_out: Callable[[int], Any], kept: Kept | None) -> tuple[int, Any] | None:
    """(index, document): the variant a check of this very job kept, laid out alone, when it has the pages
    that check found (the same job lays out the same way: the ladder would end there again)."""
    if kept is None or not 0 <= kept.variant < len(job.variants):
        return None
    document = lay_out(kept.variant)
    return (kept.variant, document) if len(document.pages) == kept.pages else None


FILL_SPREAD = 0.75  # of the room left on a page that spreads its blocks, the share between them (the rest: above the numbers)
LAST_PAGE_GAP = 40.0  # CSS px: at most this between two rows on the last page of several (wider, they fall apart)


ITEM_ANCHOR = "relais-item-"  # the ids of the rows' items (theme/print/_macros.html)


@dataclass(frozen=True)
class Measure:
    """What the fill needs from a layout of the variant alone: where the body ends on its last page (CSS px),
    and, on the last page of several, the items it holds and how many gaps they open one above the other."""

    end: float | None
    last_items: tuple[str, ...] = ()
    last_gaps: int = 0

    @classmethod
    def of(cls, document: Any) -> "Measure":
        items: dict[float, list[str]] = {}  # x -> the ids of a column's items: a column's gaps add up
        if len(document.pages) > 1:
            for name, (x, *_) in sorted(document.pages[-1].anchors.items()):
                if name.startswith(ITEM_ANCHOR):
                    items.setdefault(round(x, 1), []).append(name)
        return cls(_end(document), tuple(sorted(i for column in items.values() for i in column)),
                   max(map(len, items.values()), default=0))


def _filled(job: PrintJob, pages: int, measure: Measure, lay_out: Callable[[str], Any]) -> Any | None:
    """The variant laid out again with the space left on its last page below ``<main>``, so the emergency
    numbers and the QR code sit at the foot of that page, and with ``overleaf_css`` when it has two pages or
    more; None when every try turns a page. Most of that space is first shared between the gaps of that page:
    on one page the theme's ``--fill-gap`` gaps (``job.fill_gaps``), on the last of several the gaps below its
    rows of advice (the items ``measure`` found there), rather than left as a band above the numbers.
    A flex column does the same in CSS but costs WeasyPrint two to three times the layout; the free space is
    read from the ``relais-end`` anchor (public ``Page.anchors``) of a layout of the variant alone."""
    end = measure.end
    # One CSS px short of the margin: laid out exactly to it, rounding can push the end past it (seen in press).
    free = job.fill_to - end - 1 if end is not None and job.fill_to is not None else 0
    overleaf = job.overleaf_css.replace("{last}", str(pages)) if pages > 1 and job.overleaf_css else ""
    tries = []
    if free >= 0.5 and job.fill_gaps and pages == 1:
        gap = free * FILL_SPREAD / job.fill_gaps
        tries.append(f"html {{ --fill-gap: {gap:.2f}px; }} body > main {{ padding-bottom: "
                     f"{free - gap * job.fill_gaps:.2f}px; }}\n{overleaf}")
    if free >= 0.5 and measure.last_gaps and pages > 1:
        gap = min(free * FILL_SPREAD / measure.last_gaps, LAST_PAGE_GAP)
        tries.append(", ".join(f"#{name}" for name in measure.last_items) + f" {{ padding-bottom: {gap:.2f}px; }} "
                     f"body > main {{ padding-bottom: {free - gap * measure.last_gaps:.2f}px; }}\n{overleaf}")
    if free >= 0.5:
        tries.append(f"body > main {{ padding-bottom: {free:.2f}px; }}\n{overleaf}")
    tries += [overleaf] if overleaf else []
    for css in tries:  # without the padding when it turns a page: the note still has to be there
        filled = lay_out(css)
        if len(filled.pages) == pages:
            return filled
    return None


def _fills(job: PrintJob, pages: int) -> bool:
    return (job.fill_to is not None or bool(job.overleaf_css)) and _fits(job, pages)


def render_document(job: PrintJob, *, write: bool = True, kept: Kept | None = None) -> LaidOut:
    """Lay out the variants until one fits; with ``write``, draw the PDF bytes (never a file).

    Content mistakes are returned in ``problems`` (then no PDF is drawn). Raises ``PrintError`` naming the
    document for a refused URL or a WeasyPrint error (the theme's fault, not the content's). ``kept``: what a
    check of this very job kept: a build after a check then lays out that variant only, filled at once from
    the check's measure of it (one layout, not two).
    """
    from weasyprint import CSS, HTML

    options = {"pdf_variant": "pdf/ua-1"}  # no output intent: WeasyPrint would label it GTS_PDFX (see docstring)
    with render_environment(job.source_date_epoch, Path(job.fontconfig_file)), collect_weasyprint_logs() as logs:
        session = _session(job)
        fetcher = session.fetcher
        fetcher.refused.clear()
        sheets = [session.stylesheet(text, job.base_url, logs) for text in job.stylesheets]

        made = []  # one entry per layout: the measure of what a document costs

        def lay_out(index: int, css: str = ""):  # a variant, with a stylesheet of the fill added
            made.append(index)
            extra = [CSS(string=css)] if css else []
            return HTML(string=job.variants[index], base_url=job.base_url, url_fetcher=fetcher).render(
                font_config=session.font_config, stylesheets=[*sheets, *extra], **options)

        document = None
        measure = None
        if write and kept is not None and kept.measure is not None and 0 <= kept.variant < len(job.variants) \
                and _fills(job, kept.pages):
            chosen = kept.variant
            document = _filled(job, kept.pages, kept.measure, lambda css: lay_out(chosen, css))
        if document is None:
            chosen, document = _resumed(job, lay_out, kept) or _choose(job, lay_out)
            measure = Measure.of(document)
            if write and _fills(job, len(document.pages)):
                document = _filled(job, len(document.pages), measure, lambda css: lay_out(chosen, css)) or document
        pages = len(document.pages)
        text, passages = scan_text(job.variants[chosen])
        problems = missing_glyphs(text)
        if job.hard_limit and not _fits(job, pages):
            problems.insert(0, f"the text needs {pages} pages, the format has {job.max_pages}; "
                               "shorten the texts of this page")
        finisher = bleed_box_finisher(job.bleed_mm) if job.bleed_mm is not None else None
        pdf = document.write_pdf(finisher=finisher, **options) if write and not problems else None
        failures = [f"refused to read {url}" for url in fetcher.refused] + logs.fatal
        if failures:
            raise PrintError(f"{job.name}: " + "; ".join(dict.fromkeys(failures)))
    # Drawn as .notdef though a font claims the character: still a character to replace.
    problems += [missing_glyph_problem(char) for char in dict.fromkeys(logs.missing)
                 if not any(f"(U+{ord(char):04X})" in problem for problem in problems)]
    warnings = list(logs.warnings)
    if problems:
        pdf = None
    elif pdf is not None:
        if any(unicodedata.bidirectional(char) == "AL" for char in text):
            pdf = fixed_rtl_text(pdf)
        if passages:
            pdf, lost = mark_languages(pdf, passages)
            warnings += lost
    return LaidOut(job.name, chosen, pages, len(made), tuple(problems), tuple(warnings), pdf, measure)


# --- the old entry points (documents.py's process pool) ---------------------------------------------


def render_pdf(job: PrintJob) -> tuple[bytes, JobResult, list[str]]:
    """``render_document`` that raises ``PrintError`` for content mistakes too; returns (bytes, result, [])."""
    laid_out = render_document(job)
    if laid_out.problems:
        raise PrintError(f"{job.name}: " + "; ".join(laid_out.problems))
    assert laid_out.pdf is not None
    result = JobResult(job.name, job.out_path, len(laid_out.pdf), laid_out.pages, laid_out.variant,
                       laid_out.warnings)
    return laid_out.pdf, result, []


def run_job(job: PrintJob) -> JobResult:
    """Render one job and write its file atomically (worker entry point of ``documents.py``)."""
    pdf, result, _ = render_pdf(job)
    out = Path(job.out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_bytes(pdf)
    tmp.replace(out)
    return result

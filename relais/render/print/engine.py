"""WeasyPrint, locked down: the fonts, the files it may read, the logs that fail a build, reproducible bytes.

This module turns ready HTML + CSS strings into PDF files. It knows nothing about the content: the
documents are prepared by ``print_view`` and the templates in ``theme/print/``. Everything here runs in
worker processes, so a job (``PrintJob``) holds only plain, picklable values.

Safety and reproducibility, in one place:

- ``SafeFetcher`` is the only way WeasyPrint reads anything: ``data:`` URLs, files inside the print theme
  folder and the fontpkg font files (symlinks resolved). Everything else (other files, http(s), ftp...)
  is refused and recorded; a refused fetch fails the document. No network handler is ever called, so
  there is nothing to redirect.
- ``FONTCONFIG_FILE`` points at ``theme/print/fonts.conf`` (no font folder) while rendering, so fontconfig
  knows no system font: a glyph missing from our fonts is reported, never drawn with a system font.
- ``SOURCE_DATE_EPOCH`` is set from the content's date while rendering (fontTools stamps it in the fonts),
  and restored afterwards.
- Every WeasyPrint ERROR record (missing alt text, missing lang, unloadable resource) and the warnings
  that mean lost content (missing glyphs, unloadable fonts) fail the document with ``PrintError``.
"""

from __future__ import annotations

import contextlib
import logging
import mimetypes
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, unquote_to_bytes, urlsplit
from urllib.request import url2pathname

import fontpkg_atkinson_hyperlegible
import fontpkg_noto_sans
import fontpkg_noto_sans_arabic

# Families as the CSS names them -> (weight, style, file) faces. Variable files serve 400 and 700.
_ATKINSON = Path(fontpkg_atkinson_hyperlegible.__file__).resolve().parent / "files"
_NOTO = Path(fontpkg_noto_sans.__file__).resolve().parent / "files"
_NOTO_ARABIC = Path(fontpkg_noto_sans_arabic.__file__).resolve().parent / "files"
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
    "Relais Noto Arabic": (
        (400, "normal", _NOTO_ARABIC / "NotoSansArabic[wdth,wght].ttf"),
        (700, "normal", _NOTO_ARABIC / "NotoSansArabic[wdth,wght].ttf"),
    ),
}
FONT_ROOTS = (_ATKINSON, _NOTO, _NOTO_ARABIC)
# What the embedded font names of our PDFs may start with (after the subset prefix).
FONT_NAME_PREFIXES = tuple(name.replace(" ", sep) for name in FONT_FACES for sep in ("-", "", " "))

# Warnings that mean content is lost or a resource was not loaded: they fail a document like errors.
_FATAL_WARNINGS = (".notdef glyph", "Failed to load", "cannot be loaded", "Unknown PDF option",
                   "Unknown rendering option")


class PrintError(Exception):
    """A print document could not be made as designed; the message names the document."""


def font_face_css() -> str:
    """``@font-face`` rules for the fontpkg fonts (file URLs that only ``SafeFetcher`` will open)."""
    rules = []
    for family, faces in FONT_FACES.items():
        for weight, style, path in faces:
            rules.append(f'@font-face {{ font-family: "{family}"; src: url("{path.as_uri()}"); '
                         f"font-weight: {weight}; font-style: {style}; }}")
    return "\n".join(rules) + "\n"


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

_ENV_LOCK = threading.RLock()  # held for a whole render: env and patch are process-wide


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
    """Keeps the WeasyPrint records that must fail a document."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.fatal: list[str] = []
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.levelno >= logging.ERROR or any(marker in message for marker in _FATAL_WARNINGS):
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


@contextlib.contextmanager
def language_of_parts():
    """Write ``/Lang`` on the structure element of any HTML element that has its own ``lang``.

    WeasyPrint 70 sets only the document's ``/Lang``; a passage in another language (a text shown in the
    default language because its translation is missing) must say so to screen readers (PDF/UA-1 7.2,
    WCAG 3.1.2). We wrap WeasyPrint's structure-tree builder for the duration of our render; if a future
    WeasyPrint changes that function, the wrapper steps aside and ``test_print`` reports the lost /Lang.
    """
    try:
        import pydyf
        from weasyprint.pdf import tags
        original = tags._build_box_tree
    except (ImportError, AttributeError):  # pragma: no cover - depends on the WeasyPrint version
        yield
        return

    def build(box, parent, *args, **kwargs):
        for element in original(box, parent, *args, **kwargs):
            source = getattr(getattr(box, "_box", box), "element", None)
            lang = source.get("lang") if source is not None and hasattr(source, "get") else None
            tag = getattr(getattr(box, "_box", box), "element_tag", None)
            if lang and tag not in ("html", "body") and "Lang" not in element:
                element["Lang"] = pydyf.String(lang)
            yield element

    with _ENV_LOCK:
        tags._build_box_tree = build
        try:
            yield
        finally:
            tags._build_box_tree = original


# --- a job -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrintJob:
    """One PDF to write. ``variants`` go from the most generous layout to the most compact one: the first
    that fits in ``max_pages`` is kept."""

    name: str  # shown in messages, e.g. "print/prepare-fr-a4-press.pdf"
    out_path: str
    variants: tuple[str, ...]  # HTML documents
    stylesheets: tuple[str, ...]  # CSS texts
    base_url: str  # file URL of theme/print/, for relative references in templates and CSS
    allowed_roots: tuple[str, ...]
    fontconfig_file: str
    source_date_epoch: int
    max_pages: int | None
    hard_limit: bool = True  # more pages than max_pages with the densest variant: error (else: accepted)
    output_intent: str | None = None  # "srgb" for the print shop: tells the RIP what our RGB means


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
        _SESSIONS.clear()
        _SESSIONS[key] = _Session(tuple(Path(r) for r in job.allowed_roots))
    return _SESSIONS[key]


def render_pdf(job: PrintJob, *, strict: bool = True) -> tuple[bytes, JobResult, list[str]]:
    """Lay out the variants until one fits, then write the PDF bytes (not the file).

    Returns the bytes, the result, and the URLs the fetcher refused. With ``strict`` (the default) a refused
    URL, a WeasyPrint error or a missing glyph raises ``PrintError`` naming the document.
    """
    from weasyprint import HTML

    options = {"pdf_variant": "pdf/ua-1", "output_intent": job.output_intent}
    with render_environment(job.source_date_epoch, Path(job.fontconfig_file)), \
            collect_weasyprint_logs() as logs, language_of_parts():
        session = _session(job)
        fetcher = session.fetcher
        fetcher.refused.clear()
        sheets = [session.stylesheet(text, job.base_url, logs) for text in job.stylesheets]
        document = chosen = None
        for index, html in enumerate(job.variants):
            document = HTML(string=html, base_url=job.base_url, url_fetcher=fetcher).render(
                font_config=session.font_config, stylesheets=sheets, **options)
            chosen = index
            if job.max_pages is None or len(document.pages) <= job.max_pages:
                break
        pdf = document.write_pdf(**options)
    if strict:
        problems = [f"refused to read {url}" for url in fetcher.refused] + logs.fatal
        if problems:
            raise PrintError(f"{job.name}: " + "; ".join(dict.fromkeys(problems)))
        if job.hard_limit and job.max_pages is not None and len(document.pages) > job.max_pages:
            raise PrintError(f"{job.name}: the text needs {len(document.pages)} pages, the format has "
                             f"{job.max_pages}; shorten the texts of this page")
    result = JobResult(job.name, job.out_path, len(pdf), len(document.pages), chosen, tuple(logs.warnings))
    return pdf, result, list(fetcher.refused)


def run_job(job: PrintJob) -> JobResult:
    """Render one job and write its file atomically (worker entry point)."""
    pdf, result, _ = render_pdf(job)
    out = Path(job.out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_bytes(pdf)
    tmp.replace(out)
    return result

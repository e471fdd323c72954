"""Ready values for the print templates: every text, label, icon, colour and QR code prepared here.

The templates in ``theme/print/`` only loop over these values and test flags; they decide nothing.
A ``Text`` carries its language when it differs from the document's (a missing translation shown in the
default language, or a print label we have only in English): the templates wrap it in an element with
its own ``lang`` attribute.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Iterable
from urllib.parse import quote

import segno

from relais.clock import format_clock
from relais.text.bidi import direction, split_runs
from relais.colour import device_cmyk, grey_contrast, mix, rgb
from relais.content import LocalContent
from relais.icons import icon_path, icon_svg_paths
from relais.networks import NETWORKS
from relais.svg import clean_svg

# Labels the print documents need beyond ``ui.yml`` (candidates for it). Other languages fall back to the
# site's default language, then English, tagged with that language.
PRINT_LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "online": "Lire en ligne et partager :",
        "qr_alt": "QR code : lien vers {url}",
        "published_by": "Publié par",
        "follow_hashtag": "Suivez et utilisez",
    },
    "en": {
        "online": "Read online and share:",
        "qr_alt": "QR code: link to {url}",
        "published_by": "Published by",
        "follow_hashtag": "Follow and use",
    },
    "es": {
        "online": "Leer en línea y compartir:",
        "qr_alt": "Código QR: enlace a {url}",
        "published_by": "Publicado por",
        "follow_hashtag": "Siga y utilice",
    },
    "ar": {
        "online": "اقرؤوا على الإنترنت وشاركوا:",
        "qr_alt": "رمز QR: رابط إلى {url}",
        "published_by": "نشر:",
        "follow_hashtag": "تابعوا واستخدموا",
    },
}

MARK_ICONS = {"do": "material/check-bold", "dont": "material/close-thick"}
FALLBACK_ICON = "material/information-outline"


# --- texts -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str
    lang: str = ""  # set only when the text is not in the document's language
    dir: str = ""  # set only when that language is written in the other direction
    rtl: bool = False  # in a right-to-left document's language: its Latin runs are isolated (#SMEM, @handles)

    def __str__(self) -> str:
        return self.text

    @property
    def pieces(self) -> list[tuple[str, bool]]:
        """The text in pieces, ``True`` for a left-to-right run to isolate (``<span dir="ltr">``)."""
        return split_runs(self.text) if self.rtl else [(self.text, False)]


def _foreign(value: str, lang: str, doc_lang: str) -> Text:
    if lang == doc_lang:
        return Text(value, rtl=direction(lang) == "rtl")
    return Text(value, lang, direction(lang) if direction(lang) != direction(doc_lang) else "")


def text(value: Any, doc_lang: str) -> Text:
    """A content text; a ``LocalText`` standing in for a missing translation keeps its own language."""
    return _foreign(_clean(str(value)), getattr(value, "lang", doc_lang) or doc_lang, doc_lang)


def _clean(value: str) -> str:
    # U+202F (narrow no-break space, used by CLDR in French numbers) is not in Atkinson Hyperlegible.
    return value.replace("\u202f", "\u00a0")


def print_label(key: str, lang: str, default_lang: str = "en", **values: str) -> Text:
    """A label of ``PRINT_LABELS``; a language we have no labels for gets the site's default language's
    (like a missing translation of ``ui.yml``), else English, marked with that language."""
    source_lang = next(code for code in (lang, default_lang, "en") if code in PRINT_LABELS)
    return _foreign(PRINT_LABELS[source_lang][key].format(**values), source_lang, lang)


def is_fallback(value: Any) -> bool:
    return bool(getattr(value, "fallback", False))


# --- colours ---------------------------------------------------------------------------------------

def _on(background: str, *candidates: str) -> str:
    """The first candidate readable on ``background`` in colour and in greyscale, else the best one."""
    for candidate in candidates:
        if grey_contrast(candidate, background) >= 4.5:
            return candidate
    return max(candidates + ("#000000", "#FFFFFF"), key=lambda c: grey_contrast(c, background))


# Every text colour / background pair the stylesheet uses, by role (tests check each one in greyscale).
COLOUR_PAIRS = (
    ("ink", "paper"), ("muted", "paper"), ("heading", "paper"), ("accent-text", "paper"),
    ("head-ink", "head-bg"), ("head-muted", "head-bg"),
    ("emergency-ink", "emergency-bg"), ("number-ink", "emergency-bg"),
    ("do-ink", "do-bg"), ("dont-ink", "dont-bg"), ("heading", "tint"), ("ink", "tint"),
)


def palette(brand: Any, edition: str) -> dict[str, str]:
    """Colours by role, as #RRGGBB (``paint`` writes them for the edition). Press: solid brand colours running
    into the bleed, body text in black (100% K once separated). Office: light tints, less toner."""
    primary, accent = brand.primary.upper(), brand.accent.upper()
    ink, paper = brand.text.upper(), "#FFFFFF"
    colours = {
        "primary": primary, "accent": accent, "paper": paper,
        "ink": "#000000" if edition == "press" else _on(paper, ink, "#161616"),
        "muted": _on(paper, mix(ink, paper, 0.82), ink),
        "heading": _on(paper, primary, ink),
        "accent-text": _on(paper, accent, ink),
        "tint": mix(primary, paper, 0.07),
        "line": mix(primary, paper, 0.35),
    }
    if edition == "press":
        colours["head-bg"] = primary
        colours["emergency-bg"] = accent
    else:
        colours["head-bg"] = colours["tint"]
        colours["emergency-bg"] = paper
    colours["head-ink"] = _on(colours["head-bg"], paper if edition == "press" else primary, ink, paper)
    colours["head-muted"] = _on(colours["head-bg"], mix(colours["head-ink"], colours["head-bg"], 0.85),
                                colours["head-ink"])
    colours["emergency-ink"] = _on(colours["emergency-bg"], paper if edition == "press" else ink, ink, paper)
    colours["number-ink"] = _on(colours["emergency-bg"], paper if edition == "press" else accent, ink, paper)
    colours["do-bg"], colours["dont-bg"] = primary, accent
    colours["do-ink"] = _on(primary, paper, ink)
    colours["dont-ink"] = _on(accent, paper, ink)
    return colours


def paint(colour: str, press: bool) -> str:
    """A #RRGGBB colour as the stylesheet or an SVG of the document writes it: as it is for the office printer,
    as its separation (``device-cmyk()``, relais.colour) for the print shop."""
    rgb(colour)  # only #RRGGBB values ever reach the stylesheet
    return device_cmyk(colour) if press else colour


def palette_css(colours: dict[str, str], press: bool = False) -> str:
    return ":root {\n" + "".join(f"  --{role}: {paint(value, press)};\n" for role, value in colours.items()) + "}\n"


_SVG_HEX = re.compile(r'\b(fill|stroke|stop-color|flood-color|lighting-color|color)="#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})"')


def cmyk_svg(svg: str) -> str:
    """A cleaned SVG (``clean_svg``: colours in attributes) with its #RGB / #RRGGBB colours separated for the
    press. Named and rgb() colours and raster images stay RGB (the README says so)."""
    def separated(match: re.Match) -> str:
        value = match.group(2)
        full = value if len(value) == 6 else "".join(c * 2 for c in value)
        return f'{match.group(1)}="{device_cmyk("#" + full.upper())}"'

    return _SVG_HEX.sub(separated, svg)


# --- icons and QR code -----------------------------------------------------------------------------


def svg_data_url(svg: str) -> str:
    return "data:image/svg+xml," + quote(svg, safe=" =:/,.-")


def _icon_group(name: str, x: float, y: float, size: float, fill: str) -> str:  # fill: painted already
    view_box, paths = icon_svg_paths(name if icon_path(name) else FALLBACK_ICON)
    min_x, min_y, width, height = (float(v) for v in view_box.replace(",", " ").split())
    scale = size / max(width, height)
    return (f'<g transform="translate({x:g} {y:g}) scale({scale:g}) translate({-min_x:g} {-min_y:g})">'
            f'<path fill="{fill}" d="{paths}"/></g>')


def icon_url(name: str, fill: str, disc: str | None = None, mark: str | None = None,
             mark_fill: str = "#FFFFFF", mark_disc: str = "#000000", press: bool = False) -> str:
    """A decorative icon as an SVG ``data:`` URL, drawn as a CSS background (so the PDF marks it as an
    artifact): optionally on a disc, optionally with a do/don't mark in a small disc of its own; in CMYK
    for the press."""
    parts = []
    # With a mark (bottom corner, 30 to 48), the icon keeps clear of it: smaller, towards the top corner.
    at, size = (8, 22) if mark else (11, 26)
    if disc:
        parts.append(f'<circle cx="24" cy="24" r="24" fill="{paint(disc, press)}"/>')
        parts.append(_icon_group(name, at, at, size, paint(fill, press)))
    else:
        parts.append(_icon_group(name, 0, 0, 29 if mark else 48, paint(fill, press)))
    if mark:
        parts.append(f'<circle cx="39" cy="39" r="9" fill="{paint(mark_disc, press)}" '
                     f'stroke="{paint("#FFFFFF", press)}" stroke-width="2"/>')
        parts.append(_icon_group(MARK_ICONS[mark], 33, 33, 12, paint(mark_fill, press)))
    width = 50 if mark else 48
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {width}" '
           f'width="{width}" height="{width}">{"".join(parts)}</svg>')
    return svg_data_url(svg)


def logo_url(content_root: Any, relpath: str | None, press: bool = False) -> str | None:
    """The brand logo (an SVG inside content/), cleaned (its colours separated for the press), as a data: URL;
    None when there is none or not SVG."""
    if not relpath:
        return None
    root = content_root.resolve()
    path = (root / relpath).resolve()
    if not path.is_relative_to(root) or not path.is_file() or path.suffix.lower() != ".svg":
        return None
    svg = clean_svg(path.read_bytes()).decode("utf-8")
    return "data:image/svg+xml;base64," + base64.b64encode((cmyk_svg(svg) if press else svg).encode()).decode("ascii")


def url_parts(url: str) -> list[str]:
    """``url`` cut after each single "/": printed addresses break there only, never mid-word ("act-" /
    "responsibly" would read as two addresses); the template writes a <wbr> between unbreakable parts."""
    return re.findall(r".+?(?:/(?!/)|$)", url)


@dataclass(frozen=True)
class QrCode:
    path: str  # SVG path data, one unit per module
    size: int  # modules, quiet zone included
    url: str
    short_url: str
    alt: Text
    ink: str = "#000000"  # the modules, as the template paints them (device-cmyk(0 0 0 1) for the press)
    paper: str = "#FFFFFF"

    @property
    def short_url_parts(self) -> list[str]:
        return url_parts(self.short_url)


def qr_code(url: str, lang: str, default_lang: str = "en", press: bool = False) -> QrCode:
    """A vector QR code (segno), as path data drawn by the template inside a titled ``<svg role=img>``."""
    qr = segno.make(url, error="m", micro=False)
    rows = list(qr.matrix_iter(scale=1, border=4))
    commands = []
    for y, row in enumerate(rows):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                commands.append(f"M{start} {y}h{x - start}v1h{start - x}z")
            else:
                x += 1
    short = re.sub(r"^https?://", "", url).rstrip("/")
    return QrCode("".join(commands), len(rows), url, short, print_label("qr_alt", lang, default_lang, url=url),
                  paint("#000000", press), paint("#FFFFFF", press))


# --- the views -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemView:
    title: Text
    text: Text
    icon: str  # data: URL
    kind: str


@dataclass(frozen=True)
class Group:
    heading: Text | None
    kind: str  # "do" | "dont" | "info"
    icon: str | None
    items: list[ItemView]
    intro: Text | None = None


@dataclass(frozen=True)
class NumberView:
    number: str
    label: Text
    main: bool

    @property
    def long(self) -> bool:
        """A local ten-digit number (an edition's) takes two columns, on one line."""
        return len(self.number) > 5


@dataclass(frozen=True)
class AccountView:
    network: str
    handle: str
    owner: Text
    icon: str


@dataclass(frozen=True)
class SourceView:
    title: Text
    publisher: str
    year: str
    url: str

    @property
    def url_parts(self) -> list[str]:
        return url_parts(self.url)


@dataclass(frozen=True)
class FigureView:
    value: str
    label: Text
    icon: str


@dataclass(frozen=True)
class EventView:
    date: str
    time: str
    title: Text
    text: Text


@dataclass
class DocView:
    """Everything one print template receives."""

    kind: str  # guide | case-study | page
    fmt: str  # a4 | a5 | a3
    edition: str  # office | press
    density: int
    lang: str
    dir: str
    meta_title: str
    meta_author: str
    meta_description: str
    meta_keywords: str
    site_name: Text
    logo: str | None
    kicker: Text
    title: Text
    key_message: Text
    key_label: Text
    summary: Text
    notice: Text | None
    groups: list[Group]
    numbers_heading: Text
    numbers: list[NumberView]
    emergency_note: Text
    accounts_heading: Text
    accounts: list[AccountView]
    hashtags: list[str]
    hashtag_label: Text
    qr: QrCode
    online_label: Text
    publisher_label: Text
    publisher: Text
    publisher_url: str
    sources_heading: Text
    sources: list[SourceView]
    phone_icon: str
    extra: dict[str, Any] = field(default_factory=dict)
    item_texts: bool = True  # False: advice items show their titles only (densest poster layout)
    show_summary: bool = True  # False: the flyer leaves the summary out (dense layout)
    show_sources: bool = True  # False: the flyer's colophon leaves the sources out (densest layout)
    densest: bool = False  # the format's last density (print_job sets it with the density)

    @property
    def publisher_url_parts(self) -> list[str]:
        return url_parts(self.publisher_url)

    @property
    def short_sources(self) -> bool:
        """Flyer and poster: sources by title (and year) only; the web page has them in full."""
        return self.fmt in ("a5", "a3")

    @property
    def short_accounts(self) -> bool:
        """Flyer, and the densest A4 (a leaflet that holds on one page so, an edition's with its local
        accounts): accounts without their owner's name."""
        return self.fmt == "a5" or (self.fmt == "a4" and self.densest)

    @property
    def columns(self) -> bool:
        """Do and don't side by side, one column each."""
        return [g.kind for g in self.groups] == ["do", "dont"]

    @property
    def spread_gaps(self) -> int:
        """How many gaps ``--fill-gap`` opens one above the other (print.css): below the masthead and below
        each row of advice (two items a row; do and don't side by side: the longer column)."""
        if self.columns:  # (a non-empty do and don't)
            return 1 + max(len(g.items) for g in self.groups)
        return 1 + sum((len(g.items) + 1) // 2 for g in self.groups)

    @property
    def body_class(self) -> str:
        titles = "" if self.item_texts else " items-titles"
        return f"doc-{self.kind} fmt-{self.fmt} edition-{self.edition} density-{self.density} dir-{self.dir}{titles}"


def item_views(items: Iterable[Any], lang: str, colours: dict[str, str], press: bool = False) -> list[ItemView]:
    result = []
    for item in items:
        mark = item.kind if item.kind in MARK_ICONS else None
        mark_disc = colours["do-bg"] if item.kind == "do" else colours["dont-bg"]
        mark_fill = colours["do-ink"] if item.kind == "do" else colours["dont-ink"]
        icon = icon_url(item.icon, colours["primary"], colours["tint"], mark, mark_fill, mark_disc, press)
        result.append(ItemView(text(item.title, lang), text(item.text, lang), icon, item.kind))
    return result


def item_groups(items: list[Any], local: LocalContent, colours: dict[str, str], press: bool = False) -> list[Group]:
    """Do / don't items in two labelled groups (the label and the mark carry the meaning, not the colour);
    other items in one group, in the author's order."""
    lang = local.lang
    labels = local.labels
    views = item_views(items, lang, colours, press)
    kinds = {item.kind for item in items}
    if not kinds & {"do", "dont"}:
        return [Group(text(labels.what_to_do, lang), "info", None, views)]
    groups = []
    for kind in ("do", "dont", "info"):
        members = [v for v in views if v.kind == kind]
        if not members:
            continue
        heading = text(labels.what_to_do if kind == "info" else getattr(labels, kind), lang)
        disc = colours["do-bg"] if kind == "do" else colours["dont-bg"]
        ink = colours["do-ink"] if kind == "do" else colours["dont-ink"]
        icon = icon_url(MARK_ICONS[kind], ink, disc, press=press) if kind in MARK_ICONS else None
        groups.append(Group(heading, kind, icon, members))
    return groups


def _model_fallback(*models: Any) -> bool:
    from relais.translations import translatable_fields
    return any(is_fallback(value) for model in models if model is not None
               for _, _, value in translatable_fields(model))


def _source_views(sources: Iterable[Any], lang: str) -> list[SourceView]:
    return [SourceView(text(s.title, lang), s.publisher, str(s.year or ""), s.url or "") for s in sources]


def base_view(local: LocalContent, *, kind: str, model: Any, fmt: str, edition: str, url: str,
              colours: dict[str, str], logo: str | None, kicker: Any) -> dict[str, Any]:
    """The fields every document shares, as keyword arguments for ``DocView``."""
    lang, site, labels = local.lang, local.site, local.labels
    default = site.default_language
    press = edition == "press"
    numbers = [NumberView(n.number, text(n.label, lang), i == 0) for i, n in enumerate(site.emergency_numbers)]
    accounts = []
    for account in site.accounts:
        network = NETWORKS[account.network]
        accounts.append(AccountView(network.name, account.handle, text(account.owner, lang),
                                    icon_url(network.icon, colours["heading"], press=press)))
    fallback = _model_fallback(model, site) or any(is_fallback(getattr(labels, name))
                                                   for name in type(labels).model_fields)
    return dict(
        kind=kind, fmt=fmt, edition=edition, density=0, lang=lang, dir=local.language.direction,
        meta_title=str(model.title), meta_author=str(site.publisher.name), meta_description=str(model.key_message),
        meta_keywords=", ".join(site.hashtags),
        site_name=text(site.name, lang), logo=logo, kicker=text(kicker, lang),
        title=text(model.title, lang), key_message=text(model.key_message, lang),
        key_label=text(labels.key_message, lang), summary=text(model.summary, lang),
        notice=text(labels.not_translated, lang) if fallback else None,
        groups=[], numbers_heading=text(labels.emergency_numbers, lang), numbers=numbers,
        emergency_note=text(site.emergency_note, lang),
        accounts_heading=text(labels.official_accounts, lang), accounts=accounts,
        hashtags=list(site.hashtags), hashtag_label=print_label("follow_hashtag", lang, default),
        qr=qr_code(url, lang, default, press), online_label=print_label("online", lang, default),
        publisher_label=print_label("published_by", lang, default), publisher=text(site.publisher.name, lang),
        publisher_url=re.sub(r"^https?://", "", site.publisher.url).rstrip("/"),
        sources_heading=text(labels.sources, lang), sources=_source_views(getattr(model, "sources", []), lang),
        phone_icon=icon_url("material/phone", colours["number-ink"], press=press),
    )


def format_number(value: int, locale: str) -> str:
    from babel.numbers import format_decimal
    return _clean(format_decimal(value, locale=locale))


def format_day(day: dt.date, locale: str, *, year: bool) -> str:
    from babel.dates import format_date, format_skeleton
    return _clean(format_date(day, format="long", locale=locale) if year
                  else format_skeleton("MMMMd", day, locale=locale))


def case_study_extra(local: LocalContent, study: Any, colours: dict[str, str], press: bool = False) -> dict[str, Any]:
    lang, labels, locale = local.lang, local.labels, local.language.locale
    same_year = all(e.date.year == study.date.year for e in study.events)
    return {
        "place": text(study.place, lang),
        "date": format_day(study.date, locale, year=True),
        "figures_heading": text(labels.key_figures, lang),
        "figures": [FigureView(format_number(f.value, locale), text(f.label, lang),
                               icon_url(f.icon, colours["primary"], colours["tint"], press=press))
                    for f in study.figures],
        "timeline_heading": text(labels.timeline, lang),
        "events": [EventView(format_day(e.date, locale, year=not same_year),
                             _clean(format_clock(e.time, locale)) if e.time else "",
                             text(e.title, lang), text(e.text, lang)) for e in study.events],
        "lessons_heading": text(labels.lessons, lang),
    }

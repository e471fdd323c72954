"""Self-hosted web fonts: WOFF2 subsets made from the fontpkg-* packages, never fetched from a third party."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import fontpkg_atkinson_hyperlegible
import fontpkg_noto_sans_arabic

from relais.engine.fingerprint import digest, digest_bytes
from relais.engine.task import Result, Task

# Basic Latin, Latin-1, Latin Extended-A, general punctuation, euro sign: French, English, Spanish, German...
LATIN = "U+0000-00FF,U+0131,U+0152-0153,U+02C6,U+02DA,U+02DC,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212"
# Arabic letters, marks, digits and punctuation, and Latin letters too: text set in Noto Sans Arabic (hashtags,
# addresses inside Arabic lines and SVGs) must not fall back to a system font; pages list Atkinson Hyperlegible
# first, so Latin text still uses it. 17 KB, against 29 KB with the whole Arabic block.
ARABIC = ("U+060C,U+061B,U+061F,U+0621-063A,U+0640-0655,U+0660-066D,U+0670,U+200C-200F,"
          "U+0020-007E,U+00A0,U+00AB,U+00BB,U+2010-2027")
# The rest of the block (Persian and Urdu letters, Quranic marks...): a face of its own, fetched only by a page
# that has one of them.
ARABIC_EXTENDED = "U+0600-060B,U+060D-061A,U+061C-061E,U+0620,U+063B-063F,U+0656-065F,U+066E-066F,U+0671-06FF"


ARABIC_LANGUAGES = ("ar", "fa", "ur")  # languages written in Arabic letters
# The system's own fonts, for a few words in a script the page does not load a font for.
SYSTEM_FONTS = 'system-ui, -apple-system, "Segoe UI", Arial, sans-serif'


@dataclass(frozen=True)
class WebFont:
    family: str
    weight: int
    source: Path
    unicode_range: str
    languages: tuple[str, ...] = ()  # pages in these languages only load it (none: every page)
    part: str = ""  # one of several faces of a family and weight, split by unicode-range

    @property
    def file_name(self) -> str:
        part = f"-{self.part}" if self.part else ""
        return f"{self.family.lower().replace(' ', '-')}-{self.weight}{part}.woff2"


def _files(package) -> Path:
    return Path(package.__file__).parent / "files"


def web_fonts() -> list[WebFont]:
    latin = _files(fontpkg_atkinson_hyperlegible)
    arabic = next(_files(fontpkg_noto_sans_arabic).glob("NotoSansArabic*.ttf"))
    return [
        WebFont("Atkinson Hyperlegible", 400, latin / "AtkinsonHyperlegible-Regular.ttf", LATIN),
        WebFont("Atkinson Hyperlegible", 700, latin / "AtkinsonHyperlegible-Bold.ttf", LATIN),
        WebFont("Noto Sans Arabic", 400, arabic, ARABIC, ARABIC_LANGUAGES),
        WebFont("Noto Sans Arabic", 400, arabic, ARABIC_EXTENDED, ARABIC_LANGUAGES, "extended"),
    ]


def _unicodes(ranges: str) -> list[int]:
    codes: list[int] = []
    for part in ranges.split(","):
        start, _, end = part.removeprefix("U+").partition("-")
        codes.extend(range(int(start, 16), int(end or start, 16) + 1))
    return codes


def woff2_subset(font: WebFont) -> bytes:
    """A WOFF2 subset; the font's own timestamps are kept so the output never depends on the clock."""
    from fontTools import subset  # slow to import; only a task that makes a font needs it
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    options = subset.Options()
    options.flavor = "woff2"
    options.hinting = False  # 40% of Atkinson's bytes; only old Windows rasterisers read TrueType hints
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    ttfont = TTFont(font.source, recalcTimestamp=False)
    if "fvar" in ttfont:  # a variable font: keep only the weight we serve, much smaller
        axes = {axis.axisTag: (font.weight if axis.axisTag == "wght" else axis.defaultValue) for axis in ttfont["fvar"].axes}
        ttfont = instancer.instantiateVariableFont(ttfont, axes)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_unicodes(font.unicode_range))
    subsetter.subset(ttfont)
    buffer = io.BytesIO()
    ttfont.flavor = "woff2"
    ttfont.save(buffer, reorderTables=True)
    return buffer.getvalue()


def font_face_css(faces: list[tuple[WebFont, str]]) -> str:
    """@font-face rules for (font, url) pairs. ``unicode-range`` means a font is fetched only by pages that
    have text it covers; a font kept to some languages is not used for their words on other pages either
    (the language menu's "العربية" on a French page would fetch 29 KB of Arabic for one word): those words
    take the system's fonts."""
    rules = []
    for font, url in faces:
        rules.append(
            "@font-face {\n"
            f'  font-family: "{font.family}";\n  font-style: normal;\n  font-weight: {font.weight};\n'
            f'  font-display: swap;\n  src: url("{url}") format("woff2");\n'
            f"  unicode-range: {font.unicode_range.replace(',', ', ')};\n}}\n"
        )
    for languages in sorted({font.languages for font, _ in faces if font.languages}):
        pages = "".join(f":not(:lang({code}))" for code in languages)
        words = ", ".join(f":lang({code})" for code in languages)
        rules.append(f":root{pages} :is({words}) {{ font-family: {SYSTEM_FONTS}; }}\n")
    return "\n".join(rules)


def font_task(font: WebFont, code: str) -> Task:
    """Subsetting takes seconds: a task, so it runs in parallel and once (keyed on the font file and range)."""
    inputs = (("font file", digest_bytes(font.source.read_bytes())), ("font", digest(font.family, font.weight,
              font.unicode_range)), ("code and tools", code))
    return Task(f"fonts/{font.file_name}", "font", make_font, font, inputs)


def make_font(font: WebFont, check: bool) -> Result:
    return Result() if check else Result(files={font.file_name: woff2_subset(font)})

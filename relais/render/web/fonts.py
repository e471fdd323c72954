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
# Latin letters too: text set in Noto Sans Arabic (hashtags, addresses inside Arabic lines and SVGs) must not
# fall back to a system font; pages list Atkinson Hyperlegible first, so Latin text still uses it.
ARABIC = "U+0600-06FF,U+200C-200F,U+0020-007E,U+00A0,U+00AB,U+00BB,U+2010-2027"


@dataclass(frozen=True)
class WebFont:
    family: str
    weight: int
    source: Path
    unicode_range: str

    @property
    def file_name(self) -> str:
        return f"{self.family.lower().replace(' ', '-')}-{self.weight}.woff2"


def _files(package) -> Path:
    return Path(package.__file__).parent / "files"


def web_fonts() -> list[WebFont]:
    latin = _files(fontpkg_atkinson_hyperlegible)
    arabic = next(_files(fontpkg_noto_sans_arabic).glob("NotoSansArabic*.ttf"))
    return [
        WebFont("Atkinson Hyperlegible", 400, latin / "AtkinsonHyperlegible-Regular.ttf", LATIN),
        WebFont("Atkinson Hyperlegible", 700, latin / "AtkinsonHyperlegible-Bold.ttf", LATIN),
        WebFont("Noto Sans Arabic", 400, arabic, ARABIC),
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
    """@font-face rules for (font, url) pairs; ``unicode-range`` means Arabic is fetched only by pages that use it."""
    rules = []
    for font, url in faces:
        rules.append(
            "@font-face {\n"
            f'  font-family: "{font.family}";\n  font-style: normal;\n  font-weight: {font.weight};\n'
            f'  font-display: swap;\n  src: url("{url}") format("woff2");\n'
            f"  unicode-range: {font.unicode_range.replace(',', ', ')};\n}}\n"
        )
    return "\n".join(rules)


def font_task(font: WebFont, code: str) -> Task:
    """Subsetting takes seconds: a task, so it runs in parallel and once (keyed on the font file and range)."""
    inputs = (("font file", digest_bytes(font.source.read_bytes())), ("font", digest(font.family, font.weight,
              font.unicode_range)), ("code and tools", code))
    return Task(f"fonts/{font.file_name}", "font", make_font, font, inputs)


def make_font(font: WebFont, check: bool) -> Result:
    return Result() if check else Result(files={font.file_name: woff2_subset(font)})

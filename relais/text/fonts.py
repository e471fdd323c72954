"""The fonts Relais draws infographics with, and which one serves which language.

Fonts come only from the fontpkg-* Python packages (never system fonts), so the
same files are measured by HarfBuzz and drawn by resvg on every machine.

Choice per language (first face of the chain that covers the whole text wins):
- ``ar`` (and other RTL languages later): Noto Sans Arabic (variable; it also
  holds Latin letters and digits for hashtags and phone numbers);
- everything else: Atkinson Hyperlegible (static Regular/Bold, designed for
  low-vision readers), then Noto Sans (variable) for Greek/Cyrillic/rarer
  Latin.  Fallback is per *text*, never per character: one text is drawn with
  one face, so our measurements are exactly what resvg draws.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from relais.text.bidi import primary_lang
from relais.text.coverage import uncovered


@dataclass(frozen=True)
class FontFace:
    """One concrete face: what SVG calls it and which file HarfBuzz must measure."""

    family: str  # exactly as written in SVG font-family
    weight: int  # CSS font-weight
    path: Path
    script: str = "Latn"  # main script (ISO 15924), used to shape neutral text
    variable: bool = False  # variable file: measure with the wght axis = weight


@dataclass(frozen=True)
class Family:
    """A family as shipped by a fontpkg package.

    ``files`` maps weight -> file for static families; a variable family has one
    file under weight 0 and serves any weight in ``weight_range``.
    """

    name: str
    script: str
    files: tuple[tuple[int, Path], ...]
    weight_range: tuple[int, int] | None = None

    def face(self, weight: int) -> FontFace:
        """The face for a CSS weight; refuses weights the files cannot draw."""
        if self.weight_range is not None:
            lo, hi = self.weight_range
            if not lo <= weight <= hi:
                raise ValueError(f"{self.name} has weights {lo}-{hi}, not {weight}")
            return FontFace(self.name, weight, self.files[0][1], self.script, True)
        for file_weight, path in self.files:
            if file_weight == weight:
                return FontFace(self.name, weight, path, self.script)
        have = ", ".join(str(w) for w, _ in self.files)
        raise ValueError(f"{self.name} has weights {have}, not {weight}")

    def paths(self) -> list[Path]:
        return [path for _, path in self.files]


def package_file(package: str, name: str) -> Path:
    """A TTF shipped in ``<package>/files/``, located through importlib.resources."""
    resource = resources.files(package).joinpath("files", name)
    path = Path(str(resource))
    if not path.is_file():
        raise FileNotFoundError(f"font {name} not found in package {package}")
    return path


class FontSet:
    """The registry of families and the fallback chain of each language."""

    def __init__(
        self,
        families: Sequence[Family],
        chains: Mapping[str, Sequence[str]],
        default_chain: Sequence[str],
    ) -> None:
        self.families = {family.name: family for family in families}
        self.chains = {lang: tuple(names) for lang, names in chains.items()}
        self.default_chain = tuple(default_chain)

    def font_files(self) -> list[str]:
        """Every font file, in a stable order: pass these (only) to resvg."""
        return [str(p) for family in self.families.values() for p in family.paths()]

    def chain(self, lang: str) -> list[Family]:
        names = self.chains.get(primary_lang(lang), self.default_chain)
        return [self.families[name] for name in names]

    def face_for(self, lang: str, weight: int = 400, text: str = "") -> FontFace:
        """The face to draw ``text`` in: the first of the language's chain that
        covers every character, else the language's primary face."""
        faces = [family.face(weight) for family in self.chain(lang)]
        for face in faces:
            if not uncovered(text, face.path):
                return face
        return faces[0]

    def missing_glyphs(self, text: str, lang: str, weight: int = 400) -> set[str]:
        """Characters that would be tofu with ``face_for(lang, weight, text)``."""
        return uncovered(text, self.face_for(lang, weight, text).path)


@lru_cache(maxsize=1)
def default_fonts() -> FontSet:
    """Relais' fonts, as installed by the fontpkg-* dependencies."""
    atk = "fontpkg_atkinson_hyperlegible"
    atkinson = Family(
        "Atkinson Hyperlegible",
        "Latn",
        (
            (400, package_file(atk, "AtkinsonHyperlegible-Regular.ttf")),
            (700, package_file(atk, "AtkinsonHyperlegible-Bold.ttf")),
        ),
    )
    noto = Family(
        "Noto Sans",
        "Latn",
        ((0, package_file("fontpkg_noto_sans", "NotoSans[wdth,wght].ttf")),),
        (100, 900),
    )
    arabic_file = package_file("fontpkg_noto_sans_arabic", "NotoSansArabic[wdth,wght].ttf")
    arabic = Family("Noto Sans Arabic", "Arab", ((0, arabic_file),), (100, 900))
    return FontSet(
        [atkinson, noto, arabic],
        chains={"ar": [arabic.name], "fa": [arabic.name], "ur": [arabic.name]},
        default_chain=[atkinson.name, noto.name],
    )


def font_files() -> list[str]:
    """Font files of the default set (for resvg ``font_files``)."""
    return default_fonts().font_files()


def face_for(lang: str, weight: int = 400, text: str = "") -> FontFace:
    """Default-set shortcut for :meth:`FontSet.face_for`."""
    return default_fonts().face_for(lang, weight, text)


def missing_glyphs(text: str, lang: str, weight: int = 400) -> set[str]:
    """Default-set shortcut for :meth:`FontSet.missing_glyphs`."""
    return default_fonts().missing_glyphs(text, lang, weight)

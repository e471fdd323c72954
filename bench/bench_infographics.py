"""Benchmark: Relais infographics and cards, and mkdocs-material's social plugin on the same pages.

Run from the repository root (the social plugin needs cairosvg: ``.venv/bin/pip install cairosvg``):

    .venv/bin/python bench/bench_infographics.py [--project .] [--langs fr,en] [--repeat 3] [--cards 80]

Prints, in one run (times are medians of ``--repeat`` runs, in milliseconds):
- Relais, per image and per format: drawing the SVG (fitting every text with HarfBuzz; the repeats reuse
  memoised text measurements) and rasterising it to PNG (``relais.render.images.raster.render_png``), in
  this process with fonts and templates loaded;
- the marginal cost of one more 1200x630 PNG link-preview card, Relais vs mkdocs-material's social plugin,
  for the same pages: the real pages' titles and descriptions, numbered so that no card is made twice (no
  cache or memo can skip one).  For each tool, (time for ``--cards`` cards - time for ``--cards / 4``) / the
  difference in cards, so that start-up costs (fonts, thread pools, MkDocs) cancel out.
  The plugin runs in throw-away MkDocs projects built with and without ``plugins: [social]`` (the difference
  is the cards' cost), fonts placed in its cache beforehand so that it runs offline, its default thread pool;
  Relais draws and rasterises the cards one after the other;
- the ratio of the two marginal costs, measured in the same run.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from relais.diagnostics import Report  # noqa: E402
from relais.load import load_files  # noqa: E402
from relais.project import Project  # noqa: E402
from relais.render.images import raster  # noqa: E402
from relais.render.images.infographics import jobs  # noqa: E402
from relais.svg import sanitised_logo  # noqa: E402
from relais.render.images.paint import ContrastLog, Palette  # noqa: E402
from relais.render.images.scene import draw, environment  # noqa: E402
from relais.text.fonts import package_file  # noqa: E402
from relais.translations import LocalText  # noqa: E402
from relais.validate import validate  # noqa: E402


class Relais:
    """What drawing an image needs, loaded once (as a build worker holds it)."""

    def __init__(self, project: Project) -> None:
        self.content = validate(load_files(project.content_dir, project.root, Report()), Report())
        brand = self.content.site.brand
        self.palette = Palette.from_brand(brand)
        self.logo = sanitised_logo(self.content.root / brand.logo) if brand.logo else None
        self.env = environment(project.infographics_dir)

    def svg(self, job, local) -> str:
        return draw(job, local, self.env, self.palette, self.logo, ContrastLog(), " ".join(local.site.hashtags))[0][0].svg


def numbered(text: str, n: int) -> str:
    """``text`` with `` n`` appended, keeping its language (a LocalText stays one)."""
    if isinstance(text, LocalText):
        return LocalText(f"{text} {n}", text.lang, text.fallback, text.outdated)
    return f"{text} {n}"


def card_pages(relais: Relais, langs: list[str], count: int, first: int) -> list[tuple]:
    """``count`` cards (local content, card job) cycling through the real pages of ``langs``, their texts
    numbered from ``first``: a batch never repeats a text measured before (Relais memoises measurements)."""
    real = [(relais.content.in_language(lang), job) for lang in langs
            for job in jobs(relais.content, relais.content.in_language(lang)) if job.layout == "card"]
    cards = []
    for n in range(first, first + count):
        local, job = real[n % len(real)]
        subject = dataclasses.replace(job.subject, title=numbered(job.subject.title, n),
                                      message=numbered(job.subject.message, n))
        cards.append((local, dataclasses.replace(job, subject=subject)))
    return cards


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def bench_images(relais: Relais, langs: list[str], repeat: int) -> dict[str, dict[str, list[float]]]:
    """Per format: the median draw and rasterise time of each image."""
    by_format: dict[str, dict[str, list[float]]] = defaultdict(lambda: {"draw": [], "png": []})
    for lang in langs:
        local = relais.content.in_language(lang)
        for job in jobs(relais.content, local):
            draws, pngs = [], []
            for _ in range(repeat):
                start = time.perf_counter()
                svg = relais.svg(job, local)
                middle = time.perf_counter()
                raster.render_png(svg, job.fmt.width, job.fmt.height)
                draws.append(middle - start)
                pngs.append(time.perf_counter() - middle)
            name = "card " + job.fmt.name if job.layout == "card" else job.fmt.name
            by_format[name]["draw"].append(statistics.median(draws))
            by_format[name]["png"].append(statistics.median(pngs))
    return by_format


def relais_cards(relais: Relais, cards: list[tuple]) -> float:
    """Seconds to draw and rasterise ``cards`` one after the other."""
    start = time.perf_counter()
    for local, job in cards:
        raster.render_png(relais.svg(job, local), job.fmt.width, job.fmt.height)
    return time.perf_counter() - start


def social_project(relais: Relais, cards: list[tuple], where: Path, with_social: bool) -> Path:
    """A plain mkdocs-material project with one page per card (title + description front matter)."""
    docs = where / "docs"
    for n, (local, job) in enumerate(cards):
        target = docs / local.lang / f"{job.subject.page_id}-{n}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        title, description = str(job.subject.title), str(job.subject.message)
        front = yaml.safe_dump({"title": title, "description": description}, allow_unicode=True)
        target.write_text(f"---\n{front}---\n\n# {title}\n\n{description}\n", encoding="utf-8")
    config = {
        "site_name": str(relais.content.site.name),
        "site_url": relais.content.site.base_url,
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"name": "material", "font": False},
        "plugins": ([{"social": {"cards_layout_options": {"font_family": "Atkinson Hyperlegible"}}}]
                    if with_social else []),
    }
    (where / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    # Offline: the fonts the plugin would download from Google Fonts, where it looks for them.
    fonts = where / ".cache" / "plugin" / "social" / "fonts" / "Atkinson Hyperlegible"
    fonts.mkdir(parents=True)
    for style in ("Regular", "Bold"):
        shutil.copy(package_file("fontpkg_atkinson_hyperlegible", f"AtkinsonHyperlegible-{style}.ttf"),
                    fonts / f"{style}.ttf")
    return where


def mkdocs_build(where: Path) -> float:
    """``mkdocs build`` as a user runs it (the CLI starts the plugin's thread pool), in ``where``:
    the social plugin's cache directory is relative to the working directory."""
    start = time.perf_counter()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=where, check=True, env=env)
    return time.perf_counter() - start


def social_cards(relais: Relais, cards: list[tuple], where: Path) -> float:
    """Seconds the social plugin adds to a build of these pages (a fresh cache: every card is drawn)."""
    plain = mkdocs_build(social_project(relais, cards, where / "plain", with_social=False))
    social_dir = social_project(relais, cards, where / "social", with_social=True)
    social = mkdocs_build(social_dir)
    made = list((social_dir / "site" / "assets" / "images" / "social").rglob("*.png"))
    assert len(made) == len(cards), f"social plugin made {len(made)} cards, expected {len(cards)}"
    return social - plain


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--langs", default="fr,en")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cards", type=int, default=80, help="cards in the larger batch (>= 50 more than the smaller)")
    args = parser.parse_args()
    langs = args.langs.split(",")
    relais = Relais(Project(args.project.resolve()))
    few = args.cards // 4

    images = bench_images(relais, langs, args.repeat)  # also warms Relais up (fonts, templates, caches)
    ours, theirs = [], []
    with tempfile.TemporaryDirectory(prefix="relais-bench-") as folder:
        for i in range(args.repeat):  # interleaved, so that both tools see the same load on the machine
            many = card_pages(relais, langs, args.cards, first=(2 * i + 1) * args.cards)
            fewer = card_pages(relais, langs, few, first=(2 * i + 2) * args.cards)
            ours.append(relais_cards(relais, many) - relais_cards(relais, fewer))
            tmp = Path(folder) / str(i)
            theirs.append(social_cards(relais, many, tmp / "many") - social_cards(relais, fewer, tmp / "few"))
    extra = args.cards - few
    relais_ms, social_ms = median_ms(ours) / extra, median_ms(theirs) / extra

    print(f"Relais infographics ({', '.join(langs)}), median per image:")
    for name, times in sorted(images.items()):
        draw_ms, png_ms = median_ms(times["draw"]), median_ms(times["png"])
        print(f"  {name:>17} ({len(times['draw']):3d} images): draw SVG {draw_ms:6.1f} ms   "
              f"rasterise PNG {png_ms:6.1f} ms   total {draw_ms + png_ms:6.1f} ms")
    print(f"Marginal cost of a 1200x630 PNG card, {args.cards} cards minus {few}, same pages, median of {args.repeat}:")
    threads = max(1, (os.cpu_count() or 1) - 1)  # the plugin's default concurrency
    print(f"  Relais, draw + rasterise one after the other: {relais_ms:6.1f} ms a card")
    print(f"  mkdocs-material social plugin, offline, {threads} card thread(s): {social_ms:6.1f} ms a card")
    print(f"Ratio Relais card / social card: {relais_ms / social_ms:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

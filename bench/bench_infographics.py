"""Benchmark: Relais infographics and cards, and mkdocs-material's social plugin on the same pages.

Run from the repository root (the social plugin needs cairosvg: ``.venv/bin/pip install cairosvg``):

    .venv/bin/python bench/bench_infographics.py [--project .] [--langs fr,en] [--repeat 3]

Prints, in one run:
- Relais, per image and per language: drawing the SVG (fitting every text with HarfBuzz) and
  rasterising it (resvg + PNG encoding through relais.render.images.raster), with an empty render cache, then
  the whole stage again with the cache filled (what a rebuild costs);
- Relais link-preview cards (1200x630 PNG), the like-for-like comparison;
- mkdocs-material's social plugin making 1200x630 cards for the same pages (same titles and
  descriptions): a throw-away MkDocs project built with and without ``plugins: [social]``, fonts
  placed in its cache beforehand so it runs offline; the difference divided by the number of cards;
- the ratio.  Times are medians of ``--repeat`` runs, in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from relais.render.images import raster  # noqa: E402
from relais.render.images.paint import ContrastLog, Palette  # noqa: E402
from relais.render.images.scene import draw, environment  # noqa: E402
from relais.pipeline import check  # noqa: E402
from relais.project import Project  # noqa: E402
from relais.render.images.infographics import jobs, render_infographics  # noqa: E402
from relais.text.fonts import package_file  # noqa: E402


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def throwaway_project(project: Project, where: Path) -> Project:
    """The same content and templates, with an empty render cache."""
    where.mkdir(parents=True)
    (where / "content").symlink_to(project.content_dir, target_is_directory=True)
    (where / "infographics").symlink_to(project.infographics_dir, target_is_directory=True)
    return Project(where)


def bench_relais(project: Project, langs: list[str], repeat: int, tmp: Path) -> dict:
    content, _ = check(project)
    results: dict = {"draw": [], "png": [], "card_draw": [], "card_png": []}
    palette = Palette.from_brand(content.site.brand)
    logo = content.root / content.site.brand.logo if content.site.brand.logo else None
    env = environment(project.infographics_dir)
    for lang in langs:
        local = content.in_language(lang)
        hashtags = " ".join(local.site.hashtags)
        for job in jobs(content, local):
            draws, pngs = [], []
            for _ in range(repeat):
                start = time.perf_counter()
                svg, _problems = draw(job, local, env, palette, logo, ContrastLog(), hashtags)
                middle = time.perf_counter()
                raster.render_png(svg, job.fmt.width, job.fmt.height)
                end = time.perf_counter()
                draws.append(middle - start)
                pngs.append(end - middle)
            kind = "card_" if job.layout == "card" else ""
            results[kind + "draw"].append(statistics.median(draws))
            results[kind + "png"].append(statistics.median(pngs))
    # The whole stage, as the build runs it (worker processes, cache), cold then warm.
    stage = throwaway_project(project, tmp / "relais")
    for label in ("stage_cold", "stage_warm"):
        start = time.perf_counter()
        count = 0
        for lang in langs:
            count += len(render_infographics(content, lang, stage, tmp / "relais-out" / label / lang))
        results[label] = (time.perf_counter() - start, count)
    return results


def social_project(project: Project, langs: list[str], where: Path, with_social: bool) -> Path:
    """A plain mkdocs-material project with the same pages (title + description front matter)."""
    content, _ = check(project)
    docs = where / "docs"
    count = 0
    for lang in langs:
        local = content.in_language(lang)
        pages = [("index", local.site.name, local.site.tagline)]
        pages += [(f"guides/{g.id}", g.title, g.key_message) for g in local.guides]
        pages += [(f"case-studies/{c.id}", c.title, c.key_message) for c in local.case_studies]
        pages += [(p.id, p.title, p.key_message) for p in local.pages]
        for path, title, description in pages:
            target = docs / lang / f"{path}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            front = yaml.safe_dump({"title": str(title), "description": str(description)}, allow_unicode=True)
            target.write_text(f"---\n{front}---\n\n# {title}\n\n{description}\n", encoding="utf-8")
            count += 1
    config = {
        "site_name": str(content.site.name),
        "site_url": content.site.base_url,
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
    return where, count


def mkdocs_build(where: Path) -> float:
    """``mkdocs build`` as a user runs it (the CLI starts the plugin's thread pool), in ``where``:
    the social plugin's cache directory is relative to the working directory."""
    start = time.perf_counter()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=where, check=True, env=env)
    return time.perf_counter() - start


def bench_social(project: Project, langs: list[str], repeat: int, tmp: Path) -> tuple[float, float, int]:
    plain, social, cards = [], [], 0
    for i in range(repeat):
        base, _ = social_project(project, langs, tmp / f"plain-{i}", with_social=False)
        plain.append(mkdocs_build(base))
        where, cards = social_project(project, langs, tmp / f"social-{i}", with_social=True)
        social.append(mkdocs_build(where))  # fresh cache each time (fonts only): every card is drawn
        made = list((where / "site" / "assets" / "images" / "social").rglob("*.png"))
        assert len(made) == cards, f"social plugin made {len(made)} cards, expected {cards}"
    return statistics.median(plain), statistics.median(social), cards


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--langs", default="fr,en")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    project = Project(args.project.resolve())
    langs = args.langs.split(",")
    with tempfile.TemporaryDirectory(prefix="relais-bench-") as folder:
        tmp = Path(folder)
        relais = bench_relais(project, langs, args.repeat, tmp)
        plain, social, cards = bench_social(project, langs, args.repeat, tmp)
    n_images, n_cards = len(relais["draw"]), len(relais["card_draw"])
    draw_ms, png_ms = median_ms(relais["draw"]), median_ms(relais["png"])
    card_draw_ms, card_png_ms = median_ms(relais["card_draw"]), median_ms(relais["card_png"])
    social_ms = (social - plain) / cards * 1000
    cold, cold_count = relais["stage_cold"]
    warm, warm_count = relais["stage_warm"]
    print(f"Relais infographics ({n_images} images, {', '.join(langs)}), median per image:")
    print(f"  draw SVG (fit every text) {draw_ms:7.1f} ms   rasterise PNG {png_ms:7.1f} ms   total {draw_ms + png_ms:7.1f} ms")
    print(f"Relais cards 1200x630 ({n_cards} cards), median per card:")
    print(f"  draw SVG {card_draw_ms:7.1f} ms   rasterise PNG {card_png_ms:7.1f} ms   total {card_draw_ms + card_png_ms:7.1f} ms")
    print(f"Relais stage (render_infographics, {os.cpu_count()} CPUs): {cold_count} files in {cold:.1f} s with an empty "
          f"cache ({cold / cold_count * 1000:.0f} ms a file), {warm:.1f} s with the cache filled "
          f"({warm / warm_count * 1000:.0f} ms a file)")
    print(f"mkdocs-material social plugin ({cards} cards 1200x630, Atkinson Hyperlegible, offline):")
    print(f"  build {social:.2f} s with the plugin, {plain:.2f} s without: {social_ms:7.1f} ms per card")
    print(f"Ratio Relais card / social card: {(card_draw_ms + card_png_ms) / social_ms:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

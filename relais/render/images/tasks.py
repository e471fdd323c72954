"""The image task: one infographic (or link-preview card) in one format and one language.

It runs in a worker with nothing but its spec: the job (the localised page it is drawn from), the language's
site settings and labels, the sanitised logo, the palette and the SVG templates as text. ``check`` fits every
text and records every colour pair, without rasterising; a build also rasterises (PNG, and a JPEG for cards)
from the plain SVG and publishes the SVG with its fonts embedded (``portable``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from jinja2 import DictLoader, Environment, StrictUndefined

from relais import colour as wcag
from relais.content import LocalContent
from relais.engine.task import Problem, Result
from relais.render.images import raster
from relais.render.images.canvas import Job
from relais.svg import Logo
from relais.render.images.paint import WHITE, ContrastLog, Palette
from relais.render.images.formats import SVG_FORMAT
from relais.render.images.portable import portable_svg
from relais.render.images.scene import Drawn, draw


@dataclass(frozen=True)
class ImageSpec:
    job: Job
    local: LocalContent  # one language: its site settings and labels (no other page)
    palette: Palette
    logo: Logo | None
    hashtags: str
    templates: tuple[tuple[str, str], ...]  # (file name, source) of infographics/*.j2
    outputs: tuple[tuple[str, str], ...]  # (encoding, path under site/): "png", "jpg", "svg"


@lru_cache(maxsize=4)
def _environment(templates: tuple[tuple[str, str], ...]) -> Environment:
    """Jinja2 for SVG: autoescape ON for every template (they are all XML), strict undefined."""
    return Environment(loader=DictLoader(dict(templates)), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)


def render_image(spec: ImageSpec, check: bool) -> Result:
    job, local = spec.job, spec.local
    contrast = ContrastLog()
    drawn, found = draw(job, local, _environment(spec.templates), spec.palette, spec.logo, contrast, spec.hashtags)
    problems = [Problem(p.where.relpath or job.subject.relpath, tuple(p.where.key), p.lang, p.message)
                for p in found.items]
    problems += palette_problems(contrast, spec.palette, local.lang)
    facts = {"images": [image_fact(d, spec.outputs) for d in drawn]}
    if job.fmt == SVG_FORMAT and not check:  # the page inlines this one, without fonts (it has its own)
        for fact, image in zip(facts["images"], drawn):
            fact["inline"] = image.svg
    if check or problems:
        return Result(problems=problems, facts=facts)
    width, height = job.fmt.width, job.fmt.height
    files = {}
    for image in drawn:
        for encoding, path in spec.outputs:
            path = slide_path(path, image)
            if encoding == "svg":
                files[path] = portable_svg(image.svg).encode("utf-8")
            elif encoding == "png":
                files[path] = raster.render_png(image.svg, width, height)
            else:
                files[path] = raster.render_jpeg(image.svg, width, height)
    return Result(files=files, facts=facts)


def slide_path(path: str, image: Drawn) -> str:
    """``x-1080x1350.png`` for a single image, ``x-1080x1350-2.png`` for the second slide of a carousel."""
    if image.slide is None:
        return path
    stem, dot, ext = path.rpartition(".")
    return f"{stem}-{image.slide.index}{dot}{ext}"


def image_fact(image: Drawn, outputs: tuple[tuple[str, str], ...]) -> dict:
    """What a page says of an image: its alt text and files; for a slide, its number, how many there are
    and the titles it shows."""
    slide = image.slide
    return {"index": slide.index if slide else 0, "count": slide.count if slide else 0,
            "holds": list(image.holds), "alt": image.alt, "paths": [slide_path(path, image) for _, path in outputs]}


def palette_problems(contrast: ContrastLog, palette: Palette, lang: str) -> list[Problem]:
    """Every colour pair drawn must meet its WCAG contrast; problems point at the brand colour in site.yml."""
    problems = []
    for (fg, bg), use in sorted(contrast.uses.items()):
        ratio = wcag.contrast(fg, bg)
        if ratio + 1e-9 >= use.ratio:
            continue
        fg_name, fg_key = palette.name(fg)
        bg_name, bg_key = palette.name(bg)
        if fg == WHITE and bg_key in ("primary", "accent"):  # white text and icons on a brand colour
            fg_name, fg_key = f"white {WHITE}", None
        key = fg_key or bg_key
        criterion = "1.4.11" if use.ratio == wcag.GRAPHICS and "text" not in use.what else "1.4.3"
        problems.append(Problem(
            "site.yml", ("brand", key) if key else (), "",
            f"brand colours: {fg_name} on {bg_name} has a contrast of {ratio:.2f}:1, below the "
            f"{use.ratio:g}:1 that {use.what} needs in the infographics (WCAG 2.2 {criterion}); "
            f"change the {key or 'colour'} colour until the pair reaches {use.ratio:g}:1"))
    return problems

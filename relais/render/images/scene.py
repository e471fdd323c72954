"""One image to draw (a ``Job``) and the drawing of it: frame, layout, template, SVG text.

``draw`` is pure: the same job, content and fonts always give the same SVG
string, which is what the raster cache keys on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from relais.content import LocalContent
from relais.render.images.canvas import Canvas, Job
from relais.render.images.frame import FrameText, frame
from relais.svg import Logo
from relais.render.images.layouts import LAYOUTS
from relais.render.images.paint import ContrastLog, Painter, Palette
from relais.render.images.typeset import Problems, Typesetter, Where, rtl
from relais.text.fonts import primary_lang


def environment(templates_dir: Path) -> Environment:
    """Jinja2 for SVG: autoescape ON (select_autoescape would not cover .svg), strict undefined."""
    return Environment(loader=FileSystemLoader(str(templates_dir)), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)


def _attempt(job: Job, local: LocalContent, palette: Palette, logo: Logo | None, contrast: ContrastLog,
             hashtags: str, layout: Any, show_message: bool, compact: bool = False
             ) -> tuple[Problems, "Canvas", Any, dict]:
    lang = local.lang
    problems = Problems(f"{job.label} ({lang})")
    ts = Typesetter(lang, problems, latin_lang=local.site.default_language)
    painter = Painter(job.fmt.width, job.fmt.height, rtl(lang), palette, contrast)
    subject = job.subject
    canvas = Canvas(job, local, painter, ts, logo=logo)
    home = subject.kind == "home"
    texts = FrameText(
        site_name=None if home else local.site.name,
        publisher=local.site.publisher.name,
        title=subject.title,
        title_where=Where(subject.relpath, ("name",) if home else ("title",), "title"),
        message=subject.message,
        message_where=Where(subject.relpath, ("tagline",) if home else ("key_message",), "key message"),
        url=subject.url,
        hashtags=hashtags,
    )
    framed = frame(job.fmt, painter, ts, texts, logo, show_message=show_message,
                   end_reserve=layout.end_reserve(canvas), title=getattr(layout, "TITLE", None),
                   message=getattr(layout, "MESSAGE", None), centre=getattr(layout, "CENTRE", False),
                   compact=compact)
    canvas.frame_problems = len(problems.items)
    canvas.content = framed.content
    canvas.framed = framed
    values = layout.draw(canvas)
    return problems, canvas, framed, values


def draw(job: Job, local: LocalContent, env: Environment, palette: Palette, logo: Logo | None,
         contrast: ContrastLog, hashtags: str) -> tuple[str, Problems]:
    """The SVG of ``job`` and the problems found while fitting its texts."""
    layout = LAYOUTS[job.layout]
    # The advice comes first: the key message is shown where space allows, and the title may
    # shrink to its minimum size, before the layout has to get lighter or a text is reported.
    ladder = [(True, False), (False, False), (False, True)] if layout.show_message(job.fmt) \
        else [(False, False), (False, True)]
    best = None
    for show_message, compact in ladder:
        drawn = ContrastLog()  # only the colours of the attempt kept count
        attempt = _attempt(job, local, palette, logo, drawn, hashtags, layout, show_message, compact)
        score = (len(attempt[0].items), attempt[1].density)
        if best is None or score < best[0]:
            best = (score, attempt, drawn)
        if score == (0, 0):
            break
    problems, canvas, framed, values = best[1]
    for (fg, bg), use in best[2].uses.items():
        contrast.need(fg, bg, use.ratio, use.what)
    subject = job.subject
    lang = local.lang
    ident = f"{subject.page_id}-{job.image_id}-{job.fmt.name}"
    svg = env.get_template(f"{job.layout}.svg.j2").render(
        svg={"width": job.fmt.width, "height": job.fmt.height, "lang": primary_lang(lang),
             "title_id": f"{ident}-title", "desc_id": f"{ident}-desc", "title": subject.title, "desc": job.alt},
        f=framed.values, **values)
    return svg, problems

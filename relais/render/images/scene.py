"""One image to draw (a ``Job``) and the drawing of it: frame, layout, template, SVG text.

``draw`` is pure: the same job, content and fonts always give the same SVG
strings, which is what the raster cache keys on.

A list too long for its portrait image (1080x1350) or story (1080x1920) with
every item's text is not cut down to titles: it becomes a carousel, the fewest slides of that format
that each hold their share of the items with their texts ("1/3", "2/3", "3/3",
what Instagram and LinkedIn users post).  Layouts that can be split say what
(``carousel(model)``: groups of items; a slide never mixes two groups).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from relais.content import LocalContent
from relais.render.images.canvas import Canvas, Job, Slide
from relais.render.images.frame import FrameText, frame
from relais.svg import Logo
from relais.render.images.layouts import LAYOUTS
from relais.render.images.paint import ContrastLog, Painter, Palette
from relais.render.images.typeset import GLYPHS, Problems, Typesetter, Where
from relais.text.bidi import is_rtl, primary_lang
from relais.urls import short_address


def environment(templates_dir: Path) -> Environment:
    """Jinja2 for SVG: autoescape ON (select_autoescape would not cover .svg), strict undefined."""
    return Environment(loader=FileSystemLoader(str(templates_dir)), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)


def _attempt(job: Job, local: LocalContent, palette: Palette, logo: Logo | None, contrast: ContrastLog,
             hashtags: str, layout: Any, show_message: bool, compact: bool = False, slide: Slide | None = None,
             body_cap: float | None = None) -> tuple[Problems, "Canvas", Any, dict]:
    lang = local.lang
    problems = Problems(f"{job.label} ({lang})")
    ts = Typesetter(lang, problems, latin_lang=local.site.default_language)
    painter = Painter(job.fmt.width, job.fmt.height, is_rtl(lang), palette, contrast)
    subject = job.subject
    canvas = Canvas(job, local, painter, ts, logo=logo, slide=slide, body_cap=body_cap)
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
        home_url=short_address(local.site.base_url, lang),
        icon=subject.icon,
    )
    framed = frame(job.fmt, painter, ts, texts, logo, show_message=show_message,
                   end_reserve=layout.end_reserve(canvas), title=_title_sizes(layout, job),
                   message=getattr(layout, "MESSAGE", None), centre=getattr(layout, "CENTRE", False),
                   compact=compact, counter=slide.label if slide else None)
    canvas.frame_problems = len(problems.items)
    canvas.content = framed.content
    canvas.framed = framed
    values = layout.draw(canvas)
    return problems, canvas, framed, values


def _title_sizes(layout: Any, job: Job) -> tuple | None:
    """The layout's own title sizes (designed max, min, lines), if it has any."""
    if hasattr(layout, "title_sizes"):
        return layout.title_sizes(job.fmt)
    return getattr(layout, "TITLE", None)


CAROUSEL_SHAPES = ("portrait", "story")  # what Instagram, LinkedIn and stories users post
MAX_SLIDES = 10  # what Instagram and LinkedIn take


@dataclass(frozen=True)
class Drawn:
    """One image drawn: its SVG and, for a carousel slide, which slide and the titles of the items it shows."""

    svg: str
    slide: Slide | None = None
    holds: tuple[str, ...] = ()
    alt: str = ""  # its text alternative (a slide's and a cover's are their own)
    cover: bool = False  # the page's cover instead of the layout (nothing of it fitted this format)


def _best(job: Job, local: LocalContent, palette: Palette, logo: Logo | None, hashtags: str, layout: Any,
          slide: Slide | None, body_cap: float | None = None) -> tuple[tuple[int, int], tuple, ContrastLog]:
    """(score, attempt, colours drawn) of the best way to draw the image: the key message is shown where
    space allows and the title may shrink to its minimum size before the layout has to get lighter
    (score: problems, then density; (0, 0) is the richest variant with nothing to report)."""
    first = slide is None or slide.index == 1
    ladder = [(True, False), (False, False), (False, True)] if layout.show_message(job.fmt) and first \
        else [(False, False), (False, True)]
    if getattr(layout, "CENTRE", False):  # a card or cover is its title and message: smaller type first
        ladder = [(True, False), (True, True), (False, False), (False, True)]
    best = None
    for show_message, compact in ladder:
        drawn = ContrastLog()  # only the colours of the attempt kept count
        attempt = _attempt(job, local, palette, logo, drawn, hashtags, layout, show_message, compact, slide,
                           body_cap)
        score = (len(attempt[0].items), attempt[1].density)
        if best is None or score < best[0]:
            best = (score, attempt, drawn)
        if score == (0, 0):
            break
    return best


def _same_body(job: Job, local: LocalContent, palette: Palette, logo: Logo | None, hashtags: str, layout: Any,
               attempts: list) -> list:
    """The slides drawn again at one body size, the smallest they took (type that jumps from slide to slide
    looks careless); a slide that would then have problems keeps its own size."""
    sizes = [best[1][1].body_size for _, best in attempts]
    cap = min(sizes)
    if not cap or cap == max(sizes):
        return attempts
    again = []
    for slide, best in attempts:
        redrawn = _best(job, local, palette, logo, hashtags, layout, slide, cap)
        again.append((slide, redrawn if redrawn[0] == (0, 0) else best))
    return again


def slide_parts(groups: list[list], count: int) -> list[list] | None:
    """``count`` slides, in order: each group split over one or more slides, as evenly as possible (the
    largest share on the fewest slides); None when there are more groups than slides or too few items."""
    groups = [g for g in groups if g]
    if not len(groups) <= count <= sum(map(len, groups)):
        return None
    shares = [1] * len(groups)
    while sum(shares) < count:
        growable = [i for i, g in enumerate(groups) if shares[i] < len(g)]
        i = max(growable, key=lambda k: (-(-len(groups[k]) // shares[k]), -k))
        shares[i] += 1
    parts = []
    for group, n in zip(groups, shares):
        size, extra = divmod(len(group), n)
        at = 0
        for k in range(n):
            step = size + (k < extra)
            parts.append(group[at:at + step])
            at += step
    return parts


def draw(job: Job, local: LocalContent, env: Environment, palette: Palette, logo: Logo | None,
         contrast: ContrastLog, hashtags: str) -> tuple[list[Drawn], Problems]:
    """The SVG of ``job`` (several for a carousel) and the problems found while fitting its texts."""
    layout = LAYOUTS[job.layout]
    chosen = [(None, _best(job, local, palette, logo, hashtags, layout, None))]
    alt = None  # a cover's own alt text
    if chosen[0][1][0] != (0, 0) and job.fmt.shape in CAROUSEL_SHAPES and hasattr(layout, "carousel"):
        groups = layout.carousel(job.subject.model)
        whole = getattr(layout, "CAROUSEL_WHOLE", False)  # one slide per group, never split further
        groups = [g for g in groups if g]
        for count in ([len(groups)] if len(groups) > 1 else []) if whole else range(2, MAX_SLIDES + 1):
            parts = slide_parts(groups, count)
            if parts is None:
                continue
            slides = [Slide(k, count, tuple(item.id for item in part)) for k, part in enumerate(parts, 1)]
            attempts = [(s, _best(job, local, palette, logo, hashtags, layout, s)) for s in slides]
            if all(best[0] == (0, 0) for _, best in attempts):
                chosen = _same_body(job, local, palette, logo, hashtags, layout, attempts)
                break
            if _problems(attempts) < _problems(chosen):  # what to report if no carousel fits: the least
                chosen = attempts
    if _only_too_long(chosen) and job.fmt.shape not in CAROUSEL_SHAPES:
        # Nothing of the layout fits this format at a readable size: a cover of the page (title, key
        # message, icon), like its card, rather than unreadable type; the page carries the rest.
        cover = _best(job, local, palette, logo, hashtags, LAYOUTS["card"], None)
        if cover[0][0] == 0:
            chosen, alt = [(None, cover)], job.subject.summary
    problems = Problems(chosen[0][1][1][0].context)
    drawn = []
    layout_name = "card" if alt else job.layout
    for slide, (_, (found, canvas, framed, values), colours) in chosen:
        problems.items.extend(found.items)
        for (fg, bg), use in colours.uses.items():
            contrast.need(fg, bg, use.ratio, use.what)
        holds = tuple(str(item.title) for item in canvas.items) if slide else ()
        text = (slide_alt(job.subject.title, slide, canvas.items, local.labels, groups=job.layout == "do-dont")
                if slide else alt or str(job.alt))
        drawn.append(Drawn(_svg(job, layout_name, local, env, framed, values, slide, text), slide, holds, text,
                           cover=alt is not None))
    return drawn, problems


def _problems(chosen: list) -> int:
    return sum(best[0][0] for _, best in chosen)


def _only_too_long(chosen: list) -> bool:
    """Did only the layout's texts fail to fit (not the frame's, no missing glyph)?"""
    attempts = [best[1] for _, best in chosen]
    return any(a[0].items for a in attempts) and all(
        a[1].frame_problems == 0 and not any(GLYPHS in p.message for p in a[0].items) for a in attempts)


def _svg(job: Job, layout: str, local: LocalContent, env: Environment, framed: Any, values: dict,
         slide: Slide | None, alt: str) -> str:
    subject = job.subject
    ident = f"{subject.page_id}-{job.image_id}-{job.fmt.name}" + (f"-{slide.index}" if slide else "")
    return env.get_template(f"{layout}.svg.j2").render(
        svg={"width": job.fmt.width, "height": job.fmt.height, "lang": primary_lang(local.lang),
             "title_id": f"{ident}-title", "desc_id": f"{ident}-desc", "title": subject.title,
             "desc": alt},
        f=framed.values, **values)


def slide_alt(title: str, slide: Slide, items: list, labels: Any, groups: bool = False) -> str:
    """The text alternative of a slide: what that slide shows, not the whole infographic's (its items, titles
    and texts, under "À faire" / "À éviter" on a do and don't slide), after the page's title and the slide's
    number: "Agir de façon responsable (2/2). À éviter. Ne relayez pas les rumeurs. Un doute..."."""
    parts = [f"{str(title).rstrip('.')} ({slide.label})"]
    kind = None
    for item in items:
        if groups and item.kind != kind:
            kind = item.kind
            parts.append(str(labels.do if kind == "do" else labels.dont))
        parts += [str(item.title), str(item.text)]
    return " ".join(_sentence(part) for part in parts)


def _sentence(text: str) -> str:
    """``text`` ending as a sentence does: a full stop unless it has its own ("?", "؟", "!"...)."""
    text = text.strip()
    return text if text.endswith((".", "!", "?", "\u061f", "…")) else text + "."

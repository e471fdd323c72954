"""Markdown pages from Jinja2 templates in ``theme/pages/``; every content text is escaped on the way in.

Python-Markdown passes raw HTML through, so content text is HTML-escaped and its Markdown punctuation is
backslash-escaped: what an editor typed is shown as typed, never interpreted as markup.
A text that stands in for a missing translation is wrapped in a span carrying its own ``lang``.
Filters: ``md`` (Markdown text), ``text`` (inside a raw HTML block), ``attr`` (attribute values), ``url``, ``icon``.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from relais.icons import icon_svg_paths

# Python-Markdown's escapable characters (markdown.Markdown.ESCAPED_CHARS), '<' and '>' become entities.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
# A line break inside a text (a YAML block scalar) could start a heading ("==="), a definition (": ") or code
# (an indent) in the Markdown; the page would show it as a space anyway.
_LINE_BREAK = re.compile(r"\s*\n\s*")


def md(text: object) -> Markup:
    """Inline Markdown for a content text, with a ``lang`` span when it is a fallback."""
    return _marked(text, _MD_SPECIAL.sub(r"\\\1", html.escape(_LINE_BREAK.sub(" ", str(text)), quote=True)))


def text(value: object) -> Markup:
    """A content text inside a raw HTML block, where Markdown is not parsed (no backslash escapes)."""
    return _marked(value, html.escape(str(value), quote=True))


def _marked(value: object, escaped: str) -> Markup:
    if getattr(value, "fallback", False):
        return Markup(f'<span lang="{value.lang}" class="relais-fallback">{escaped}</span>')
    return Markup(escaped)


def attr(text: object) -> Markup:
    """A value for an HTML attribute inside the Markdown (alt texts, titles, aria labels)."""
    return Markup(html.escape(str(text), quote=True))


def icon(name: str) -> Markup:
    """An icon of mkdocs-material's sets, inline; decorative, so hidden from screen readers (RGAA 1.2.4)."""
    view_box, path = icon_svg_paths(name)
    return Markup(f'<span class="twemoji relais-icon"><svg xmlns="http://www.w3.org/2000/svg" '
                  f'viewBox="{html.escape(view_box)}" aria-hidden="true" focusable="false">'
                  f'<path d="{html.escape(path)}"/></svg></span>')


@lru_cache(maxsize=4)
def environment(templates_dir: Path) -> jinja2.Environment:
    """One per folder and process: templates compile once (Jinja recompiles one whose file changed)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,  # anything not passed through md/attr is HTML-escaped too
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(md=md, text=text, attr=attr, icon=icon, url=url)
    return env


def url(address: str) -> Markup:
    """A validated web address as a Markdown link target (parentheses would end the link early)."""
    return Markup(html.escape(address.replace("(", "%28").replace(")", "%29").replace(" ", "%20"), quote=True))

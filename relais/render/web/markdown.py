"""Markdown pages from Jinja2 templates in ``theme/pages/``; every content text is escaped on the way in.

Python-Markdown passes raw HTML through, so content text is HTML-escaped and its Markdown punctuation is
backslash-escaped: what an editor typed is shown as typed, never interpreted as markup.
A text that stands in for a missing translation is wrapped in a span carrying its own ``lang`` (and ``dir``
when that language runs the other way). In a right-to-left text every left-to-right run (hashtag, handle,
address, number with its unit: ``relais.text.bidi``) is isolated in ``<span dir="ltr">``, so "#SMEM" does not
show as "SMEM#". Templates import ``_blocks.md.j2`` *with context*: the filters read the page's ``directions``.
Filters: ``md`` (Markdown text), ``text`` (inside a raw HTML block), ``attr`` (attribute values), ``url``, ``icon``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from relais.icons import icon_svg_paths
from relais.phones import link_target
from relais.text.bidi import isolate_tokens, split_runs

# Python-Markdown's escapable characters (markdown.Markdown.ESCAPED_CHARS), '<' and '>' become entities.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
# A line break inside a text (a YAML block scalar) could start a heading ("==="), a definition (": ") or code
# (an indent) in the Markdown; the page would show it as a space anyway.
_LINE_BREAK = re.compile(r"\s*\n\s*")


@dataclass(frozen=True)
class Directions:
    """The page's direction and each language's, from the site's languages (``relais.text.bidi.direction``)."""

    page: str = "ltr"
    languages: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of_site(cls, languages, lang: str) -> "Directions":
        table = {lg.code: lg.direction for lg in languages}
        return cls(table[lang], table)

    def of(self, value: object) -> str:
        """The direction of a text: its own language's when it stands in for a missing translation."""
        lang = getattr(value, "lang", None) if getattr(value, "fallback", False) else None
        return self.languages.get(lang, self.page) if lang else self.page

    def plain(self, value: object) -> str:
        """A text where no markup may go (``<title>``, meta tags, navigation): LTR runs in LRI ... PDI."""
        return isolate_tokens(str(value)) if self.of(value) == "rtl" else str(value)


def escape_text(value: object, directions: Directions, markdown: bool = False) -> str:
    """A content text as HTML (as Markdown text when ``markdown``): escaped, LTR runs of RTL text isolated,
    a fallback wrapped in its language."""
    text = _LINE_BREAK.sub(" ", str(value)) if markdown else str(value)
    own = directions.of(value)

    def escaped(piece: str) -> str:
        piece = html.escape(piece, quote=True)
        return _MD_SPECIAL.sub(r"\\\1", piece) if markdown else piece

    if own == "rtl":
        body = "".join(f'<span dir="ltr">{escaped(p)}</span>' if ltr else escaped(p) for p, ltr in split_runs(text))
    else:
        body = escaped(text)
    if getattr(value, "fallback", False):
        turn = f' dir="{own}"' if own != directions.page else ""
        return f'<span lang="{value.lang}"{turn} class="relais-fallback">{body}</span>'
    return body


@jinja2.pass_context
def md(context, text: object) -> Markup:
    """Inline Markdown for a content text."""
    return Markup(escape_text(text, context["directions"], markdown=True))


@jinja2.pass_context
def text(context, value: object) -> Markup:
    """A content text inside a raw HTML block, where Markdown is not parsed (no backslash escapes)."""
    return Markup(escape_text(value, context["directions"]))


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
    env.filters.update(md=md, text=text, attr=attr, icon=icon, url=url, tel=link_target)
    return env


def url(address: str) -> Markup:
    """A validated web address as a Markdown link target (parentheses would end the link early)."""
    return Markup(html.escape(address.replace("(", "%28").replace(")", "%29").replace(" ", "%20"), quote=True))

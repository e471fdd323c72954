"""Problems found while rendering, placed at the line an editor fixes: ``file:line:col: error: ...``.

Workers know which content file and key a problem comes from (``Problem``), not lines: lines come from the
parsed files of the load stage. A translatable text is found in its language's file (or in the source when
it falls back); other values (colours, dates, numbers) in the source file, list entries found by their id.
"""

from __future__ import annotations

import re
from typing import Iterable

from relais.content import Content
from relais.diagnostics import Report
from relais.engine.task import Problem
from relais.load import LoadedFiles
from relais.render.images.typeset import GLYPHS


class Locator:
    def __init__(self, content: Content, loaded: LoadedFiles) -> None:
        self.content = content
        self.loaded = loaded

    def where(self, problem: Problem) -> tuple[str, int, int]:
        content, key = self.content, tuple(problem.key)
        for lang in (problem.lang, content.site.default_language):
            found = content.locations.get((lang, problem.relpath, key))
            if found:
                return found
        redirected = content.redirects.get(problem.relpath)  # an edition's own value, when it has one
        return ((redirected and self._position(redirected, key, exact=True)) or self._position(problem.relpath, key)
                or content.locate(problem.lang, problem.relpath, key))

    def _position(self, relpath: str, key: tuple, exact: bool = False) -> tuple[str, int, int] | None:
        """Position of ``key`` in the source file, list entries named by their id (or index); ``exact``: only
        if the whole key is there."""
        source = self.loaded.sources.get(relpath)
        if source is None or source.data is None:
            return None
        loc: list = []
        node = source.data
        for part in key:
            if isinstance(node, list):
                index = next((i for i, e in enumerate(node) if isinstance(e, dict) and e.get("id") == part),
                             part if isinstance(part, int) and part < len(node) else None)
                if index is None:
                    if exact:
                        return None
                    break
                loc.append(index)
                node = node[index]
            elif isinstance(node, dict) and part in node:
                loc.append(part)
                node = node[part]
            else:
                if exact:
                    return None
                break
        return (source.display, *source.position(tuple(loc))) if loc or not key else None

    def report(self, problems: Iterable[Problem], report: Report) -> None:
        """Add every problem to ``report``; a text the fonts cannot draw is reported once, with a count of the
        other images or PDFs it appears in, not once per file."""
        glyphs: dict[tuple, list] = {}
        for problem in problems:
            place = self.where(problem)
            group = _glyph_group(problem.message)
            if group is None:
                report.add(*place, problem.message, problem.severity)
            else:
                entry = glyphs.setdefault((place, *group), [problem, 0])
                entry[1] += 1
        for (place, _, kind), (problem, count) in glyphs.items():
            others = f" (and in {count - 1} other {kind}{'s' * (count > 2)})" if count > 1 else ""
            report.add(*place, problem.message + others, problem.severity)


def _glyph_group(message: str) -> tuple[str, str] | None:
    """For a problem of characters no font draws: what identifies it across files, and the kind of file."""
    if GLYPHS in message:
        return message.split(": ", 1)[-1], "image"
    found = re.search(r'the character "(.)" \(U\+[0-9A-F]+\) is in none of the print fonts', message)
    return (found.group(1), "PDF") if found else None

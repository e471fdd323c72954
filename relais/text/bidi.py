"""Bidi isolation of Latin hashtags, handles and web addresses inside RTL text.

The Unicode bidi algorithm puts the "#" of "#SMEM" on the wrong side in an
Arabic sentence ("SMEM#"), and does the same to "@handle" and URL punctuation.
Wrapping each such token in LRI ... PDI (U+2066/U+2069) makes it an isolated
left-to-right run, so "#SMEM" reads "#SMEM".  resvg, browsers and raqm honour
isolates; HarfBuzz draws nothing for them and our coverage check ignores them.
Arabic hashtags are left alone: in an RTL line their "#" is already on the
right, where Arabic readers expect it (and resvg 0.48 treats FSI like LRI, so
"first strong" isolation would get them wrong).  Opt-in: apply to RTL texts
before fitting.
"""

from __future__ import annotations

import re

LRI, PDI = "\u2066", "\u2069"

_TOKEN = re.compile(
    r"(?<![\w\u2066\u2067\u2068])"
    r"(?:(?:https?://|www\.)\S*[^\s.,;:!?\u061f\u060c\u00bb)\]]"  # URL, minus final punctuation
    r"|[#@][A-Za-z0-9_][\w.-]*\w|[#@][A-Za-z0-9_])"  # Latin #hashtag / @handle
)


def isolate_tokens(text: str) -> str:
    """Wrap Latin #hashtags, @handles and URLs in LRI ... PDI (idempotent)."""
    return _TOKEN.sub(lambda match: f"{LRI}{match.group(0)}{PDI}", text)

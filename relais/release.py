"""What a release build refuses: placeholders that would send a reader nowhere once printed.

The default kit is a demonstration: its addresses use domains reserved for examples and tests (RFC 2606,
RFC 6761), which no one can register, and it carries a fictitious edition. That is right for trying the
tool and wrong on paper, where a QR code cannot be corrected. ``build --release`` and ``check --release``
refuse both, each at the line to fix, and the TODO texts that ``new guide`` and ``new edition`` write; a build
without ``--release`` stays as it is.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from relais.diagnostics import Report
from relais.load import LoadedFiles, edition_of
from relais.source import SourceFile

# The fictitious edition of the default kit (content/editions/demonstration.yml): one error for the
# whole edition, not one for each of its example addresses, since the fix is to delete it.
DEMONSTRATION = "demonstration"
PLACEHOLDER = "TODO"  # what ``new guide`` and ``new edition`` write in every text to replace
EXAMPLE_DOMAINS = {"example.org", "example.com", "example.net"}  # RFC 2606, section 3
RESERVED_TOP_LEVEL = {"example": "examples", "test": "tests", "invalid": "invalid names"}  # RFC 2606, section 2
# Runs of the characters a host name is made of: in 'mailto:a@x.example.org' they are 'mailto', 'a' and the host.
_HOST_LIKE = re.compile(r"[A-Za-z0-9.-]+")


def reserved(host: str) -> str | None:
    """Why ``host`` can lead nowhere (the rule that reserves it), or None for a host that may be real."""
    labels = host.lower().strip(".-").split(".")
    if ".".join(labels[-2:]) in EXAMPLE_DOMAINS:
        return "a domain reserved for examples by RFC 2606"
    if labels[-1] == "localhost":
        return "the reader's own computer by RFC 6761"
    if len(labels) > 1 and labels[-1] in RESERVED_TOP_LEVEL:
        return f"a top-level domain reserved for {RESERVED_TOP_LEVEL[labels[-1]]} by RFC 2606"
    return None


def placeholders(text: str) -> Iterator[tuple[str, str]]:
    """Each reserved host name in ``text`` (an address, a handle such as @a@b.example.org, a sentence), with why."""
    for match in _HOST_LIKE.finditer(text):
        why = reserved(match.group())
        if why:
            yield match.group().strip(".-"), why


def _strings(data: Any, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key != "_source":  # translation stamps: hashes, never addresses
                yield from _strings(value, loc + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, loc + (i,))
    elif isinstance(data, str):
        yield loc, data


def _field(loc: tuple) -> str:
    """The key an editor sees for ``loc`` (the list's key for an entry of a list of texts)."""
    return next((str(part) for part in reversed(loc) if isinstance(part, str)), "value")


def _is_demonstration(relpath: str) -> bool:
    return relpath == f"editions/{DEMONSTRATION}.yml" or edition_of(relpath) == DEMONSTRATION


def _check_file(source: SourceFile, report: Report) -> None:
    for loc, text in _strings(source.data):
        if PLACEHOLDER in text:
            report.add(source.display, *source.position(loc),
                       f"'{_field(loc)}' still says '{PLACEHOLDER}' (written by 'new guide' or 'new edition'): "
                       "write the real text before a release, or build without --release")
        for host, why in placeholders(text):
            report.add(source.display, *source.position(loc),
                       f"'{_field(loc)}' uses '{host}', {why}: it leads nowhere, on paper too; "
                       "write the real address before a release, or build without --release")


def release_problems(loaded: LoadedFiles, report: Report) -> None:
    """Every placeholder of the loaded content, as errors: example domains in any file (addresses, contact
    addresses, handles, texts), and the demonstration edition itself."""
    files = [(relpath, source) for relpath, source in loaded.sources.items()]
    files += [(relpath, source) for by_path in loaded.translations.values() for relpath, source in by_path.items()]
    for relpath, source in sorted(files, key=lambda pair: pair[1].display):
        if not _is_demonstration(relpath):
            _check_file(source, report)
    demonstration = loaded.sources.get(f"editions/{DEMONSTRATION}.yml")
    if demonstration is not None:
        report.add(demonstration.display, *demonstration.position(("id",)),
                   "the demonstration edition is fictitious (example addresses, accounts and numbers) and cannot be "
                   f"released; delete content/editions/{DEMONSTRATION}.yml and its translations "
                   f"(content/translations/*/editions/{DEMONSTRATION}.yml), or build without --release")

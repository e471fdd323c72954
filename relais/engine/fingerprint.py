"""Digests of everything a task reads: content values, files, tools and our own code.

A task's key is the SHA-256 of its named input digests (``Task.key``), so two builds that would write the same
bytes share a key, and any change in what a task reads gives a new one. Never a modification time: a file
restored from git, a copied project or another machine gives the same key.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel

import relais

# Libraries whose version can change an output. One list for every task: a new version of any of them is a
# cold build, which is rare and always correct.
TOOLS = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "Jinja2", "weasyprint", "pydyf",
         "fonttools", "Pillow", "resvg", "uharfbuzz", "icu4py", "segno", "Babel", "pydantic",
         "fontpkg-atkinson-hyperlegible", "fontpkg-noto-sans", "fontpkg-noto-sans-arabic")


def digest_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical(value: Any) -> Any:
    """A JSON-able form of ``value`` that tells apart everything a renderer can see.

    Localised texts are ``str`` subclasses carrying their language and fallback/outdated flags: those flags
    change pages (a notice, a ``lang`` attribute), so they are part of the value.
    """
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        flags = {name: getattr(value, name) for name in ("lang", "fallback", "outdated") if hasattr(value, name)}
        return [str(value), flags] if flags else str(value)
    if isinstance(value, bytes):
        return {"bytes": digest_bytes(value)}
    if isinstance(value, BaseModel):
        return [type(value).__name__, {name: canonical(getattr(value, name)) for name in type(value).model_fields}]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__, {f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}]
    if isinstance(value, dict):
        return {"dict": sorted([canonical(k), canonical(v)] for k, v in value.items())}
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return {"set": sorted(json.dumps(canonical(v), sort_keys=True) for v in value)}
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Path):
        return value.as_posix()
    raise TypeError(f"no canonical form for {type(value).__name__}")


def digest(*values: Any) -> str:
    """Digest of values in their canonical form."""
    text = json.dumps([canonical(v) for v in values], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return digest_bytes(text.encode("utf-8"))


def digest_files(paths: Iterable[Path], root: Path | None = None) -> str:
    """Digest of files' names (relative to ``root``) and bytes, in a stable order."""
    sha = hashlib.sha256()
    for path in sorted(paths):
        name = path.relative_to(root).as_posix() if root else path.as_posix()
        sha.update(name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return sha.hexdigest()


def digest_tree(folder: Path) -> str:
    """Digest of every file under ``folder`` (an empty digest when it does not exist)."""
    if not folder.is_dir():
        return digest_bytes(b"")
    return digest_files((p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts), folder)


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Our own code and the tools' versions: a change in either renders everything again."""
    package = Path(relais.__file__).parent
    versions = []
    for name in TOOLS:
        try:
            versions.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            versions.append(f"{name}: absent")
    return digest(digest_files(package.rglob("*.py"), package), versions)

"""Raster cache: a PNG or JPEG is stored under the hash of everything that made it.

The key covers the SVG text, the output size and encoding, the resvg and
Pillow versions, the bytes of every font file and the source of
``relais.render.images.raster`` (its encoder settings).  Never modification times: a file
restored from git or a copied project gives the same key, and any change in
the inputs gives a new one, so a rebuild renders only what changed
(mkdocs-material's social plugin caches its cards the same way).
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from relais.render.images import raster
from relais.text import font_files


@lru_cache(maxsize=1)
def renderer_identity() -> str:
    """Digest of the renderer: library versions, font bytes, our encoder settings."""
    digest = hashlib.sha256()
    for package in ("resvg-py", "Pillow"):
        digest.update(f"{package}={version(package)}\n".encode())
    for path in font_files():
        digest.update(Path(path).name.encode() + b"=" + hashlib.sha256(Path(path).read_bytes()).digest())
    digest.update(inspect.getsource(raster).encode())
    return digest.hexdigest()


def cache_key(svg: str, width: int, height: int, encoding: str, max_bytes: int) -> str:
    spec = json.dumps([renderer_identity(), width, height, encoding, max_bytes], separators=(",", ":"))
    return hashlib.sha256(spec.encode() + b"\0" + svg.encode("utf-8")).hexdigest()


class RasterCache:
    """PNG/JPEG renders of SVGs, memoised on disk in ``folder`` (None: no cache)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.hits = 0
        self.misses = 0

    def _path(self, key: str, suffix: str) -> Path | None:
        return None if self.folder is None else self.folder / key[:2] / f"{key}.{suffix}"

    def cached(self, svg: str, width: int, height: int, encoding: str,
               max_bytes: int = raster.DEFAULT_MAX_BYTES) -> bytes | None:
        """The stored render, or None."""
        path = self._path(cache_key(svg, width, height, encoding, max_bytes), encoding)
        if path is not None and path.is_file():
            self.hits += 1
            return path.read_bytes()
        return None

    def render(self, svg: str, width: int, height: int, encoding: str,
               max_bytes: int = raster.DEFAULT_MAX_BYTES) -> bytes:
        """``encoding`` is "png" or "jpg"."""
        path = self._path(cache_key(svg, width, height, encoding, max_bytes), encoding)
        if path is not None and path.is_file():
            self.hits += 1
            return path.read_bytes()
        self.misses += 1
        if encoding == "png":
            data = raster.render_png(svg, width, height, max_bytes)
        else:
            data = raster.render_jpeg(svg, width, height, max_bytes)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_bytes(data)
            os.replace(temporary, path)  # atomic: a concurrent build never reads half a file
        return data

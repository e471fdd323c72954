"""The build cache: task results stored under their key, content-addressed, atomic and bounded in size.

Layout under ``.relais-cache/results/``:

- ``entries/ab/<key>.json``: a result (its files as names and blob digests, its problems, its facts);
  ``<key>.check.json`` holds what ``check`` found when the task was only checked;
- ``blobs/cd/<sha256>``: file bytes, once however many results share them.

Writes go to a temporary name and are renamed into place, so a concurrent build never reads half a file.
Keys hash every input (``Task.key``), so an entry is never stale; modification times serve only to evict
the least recently used entries when the cache grows past its limit (``RELAIS_CACHE_MB``, default 2048).
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path

from relais.engine.fingerprint import digest_bytes
from relais.engine.task import Problem, Result

DEFAULT_LIMIT_MB = 2048


class Cache:
    def __init__(self, folder: Path | None, limit_bytes: int | None = None) -> None:
        self.folder = folder
        self.limit = limit_bytes if limit_bytes is not None else _limit_from_env()

    @classmethod
    def disabled(cls) -> "Cache":
        return cls(None)

    # -- reading ----------------------------------------------------------------------------------

    def get(self, key: str, check: bool = False) -> Result | None:
        """The stored result of ``key`` (for ``check``: a build result, else a check result), or None."""
        for suffix in ((".json", ".check.json") if check else (".json",)):
            result = self._load(self._entry(key, suffix))
            if result is not None:
                return result
        return None

    def get_checked(self, key: str) -> Result | None:
        """What ``check`` alone found for ``key`` (no build result), or None."""
        return self._load(self._entry(key, ".check.json"))

    def _load(self, path: Path | None) -> Result | None:
        if path is None or not path.is_file():
            return None
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            files = {name: self._blob(sha).read_bytes() for name, sha in record["files"].items()}
        except (OSError, ValueError, KeyError):  # evicted meanwhile by another build, or damaged: a miss
            return None
        os.utime(path)  # recently used: evicted last
        problems = [Problem(p["relpath"], tuple(p["key"]), p["lang"], p["message"], p["severity"])
                    for p in record["problems"]]
        return Result(files=files, problems=problems, facts=record["facts"])

    # -- writing ----------------------------------------------------------------------------------

    def put(self, key: str, result: Result, check: bool = False) -> None:
        if self.folder is None:
            return
        files = {}
        for name, data in result.files.items():
            sha = digest_bytes(data)
            blob = self._blob(sha)
            if not blob.exists():
                _atomic_write(blob, data)
            files[name] = sha
        record = {"files": files, "problems": [asdict(p) for p in result.problems], "facts": result.facts}
        text = json.dumps(record, ensure_ascii=False, sort_keys=True)
        _atomic_write(self._entry(key, ".check.json" if check else ".json"), text.encode("utf-8"))

    def merge(self, other: "Cache") -> int:
        """Adds the blobs and entries of ``other`` that this cache lacks (a build made elsewhere, whose results
        later builds here may reuse); returns how many files were added. Blobs first: an entry never names a
        blob that is not there yet."""
        if self.folder is None or other.folder is None:
            return 0
        added = 0
        for kind in ("blobs", "entries"):
            for path in sorted(other._all(kind)):
                target = self.folder / path.relative_to(other.folder)
                if not target.exists():
                    _atomic_write(target, path.read_bytes())
                    added += 1
        return added

    # -- eviction ---------------------------------------------------------------------------------

    def size(self) -> int:
        return sum(p.stat().st_size for p in self._all("blobs"))

    def evict(self) -> int:
        """Drop the least recently used entries until the blobs fit the limit; returns the bytes freed."""
        if self.folder is None or self.size() <= self.limit:
            return 0
        entries = sorted(self._all("entries"), key=lambda p: p.stat().st_mtime, reverse=True)
        kept: set[str] = set()
        total = 0
        sizes = {p.name: p.stat().st_size for p in self._all("blobs")}
        for entry in entries:
            try:
                shas = set(json.loads(entry.read_text(encoding="utf-8"))["files"].values())
            except (OSError, ValueError, KeyError):
                shas = None
            added = sum(sizes.get(s, 0) for s in (shas or set()) - kept)
            if shas is None or total + added > self.limit:
                entry.unlink(missing_ok=True)
                continue
            kept |= shas
            total += added
        freed = 0
        for blob in self._all("blobs"):
            if blob.name not in kept:
                freed += sizes.get(blob.name, 0)
                blob.unlink(missing_ok=True)
        return freed

    # -- paths ------------------------------------------------------------------------------------

    def _entry(self, key: str, suffix: str) -> Path | None:
        return None if self.folder is None else self.folder / "entries" / key[:2] / f"{key}{suffix}"

    def _blob(self, sha: str) -> Path:
        assert self.folder is not None
        return self.folder / "blobs" / sha[:2] / sha

    def _all(self, kind: str) -> list[Path]:
        if self.folder is None or not (self.folder / kind).is_dir():
            return []
        return [p for p in (self.folder / kind).glob("*/*") if p.is_file() and not p.name.startswith(".")]


def _limit_from_env() -> int:
    value = os.environ.get("RELAIS_CACHE_MB", "")
    return (int(value) if value.isdigit() else DEFAULT_LIMIT_MB) * 1024 * 1024


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

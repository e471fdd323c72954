"""The build engine on its own: keys, the cache, the runner, the offline links, the swap of site/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from relais import write
from relais.engine.cache import Cache
from relais.engine.fingerprint import digest
from relais.engine.runner import Engine
from relais.engine.task import Problem, Result, Task
from relais.render.web.offline import offline_files, rewrite_links
from relais.translations import LocalText


def test_digest_sees_what_a_renderer_sees():
    assert digest("abc") == digest("abc") != digest("abd")
    # a fallback text is shown with its own lang attribute: a different page, a different key
    assert digest(LocalText("abc", "fr")) != digest(LocalText("abc", "fr", fallback=True))
    assert digest(LocalText("abc", "fr")) != digest(LocalText("abc", "en"))
    assert digest({"b": 1, "a": 2}) == digest({"a": 2, "b": 1})
    with pytest.raises(TypeError):
        digest(object())


def make(value: str, check: bool) -> Result:
    if value.startswith("bad"):
        return Result(problems=[Problem("guides/x.yml", ("title",), "fr", f"{value} is wrong")])
    return Result() if check else Result(files={f"{value}.txt": value.encode()}, facts={"length": len(value)})


def task(value: str) -> Task:
    return Task(value, "text", make, value, (("value", digest(value)),))


def test_cache_round_trip_and_counts(tmp_path: Path):
    engine = Engine(Cache(tmp_path / "cache"), jobs=1)
    first = engine.run("texts", [task("a"), task("b"), task("bad")])
    assert first["a"].files == {"a.txt": b"a"} and first["a"].facts == {"length": 1}
    assert not first["bad"].ok and first["bad"].problems[0].key == ("title",)
    assert (engine.built, engine.reused) == (3, 0)
    again = Engine(Cache(tmp_path / "cache"), jobs=1)
    second = again.run("texts", [task("a"), task("b"), task("bad"), task("c")])
    assert (again.built, again.reused) == (1, 3)  # problems are remembered too: a broken text fails at once
    assert second["bad"].problems == first["bad"].problems and second["b"].files == {"b.txt": b"b"}


def test_a_cache_takes_in_what_another_made(tmp_path: Path):
    """merge: results built elsewhere are reused here; what this cache had stays as it was."""
    elsewhere = Engine(Cache(tmp_path / "elsewhere"), jobs=1)
    elsewhere.run("texts", [task("a"), task("bad")])
    here = Cache(tmp_path / "here")
    Engine(here, jobs=1).run("texts", [task("b")])
    assert here.merge(Cache(tmp_path / "elsewhere")) == 3  # two entries, one blob ("bad" has no file)
    assert here.merge(Cache(tmp_path / "elsewhere")) == 0
    engine = Engine(Cache(tmp_path / "here"), jobs=1)
    merged = engine.run("texts", [task("a"), task("b"), task("bad")])
    assert (engine.built, engine.reused) == (0, 3) and merged["a"].files == {"a.txt": b"a"}
    assert not merged["bad"].ok


def test_check_results_are_kept_apart_from_builds(tmp_path: Path):
    cache = Cache(tmp_path / "cache")
    engine = Engine(cache, jobs=1)
    engine.run("texts", [task("a")], check=True)
    assert cache.get(task("a").key) is None  # a check draws nothing: a build still has to make the file
    assert cache.get(task("a").key, check=True) is not None
    engine.run("texts", [task("a")])
    assert engine.run("texts", [task("a")], check=True)["a"].files == {"a.txt": b"a"}  # a build answers a check


RESUMED: list[tuple[str, dict | None]] = []  # (value, facts of the check it was given), in this process (jobs=1)


def make_resuming(value: str, check: bool, checked: Result | None = None) -> Result:
    RESUMED.append((value, checked.facts if checked is not None else None))
    if value.startswith("bad"):
        return Result(problems=[Problem("guides/x.yml", ("title",), "fr", f"{value} is wrong")])
    return Result(facts={"chosen": 2}) if check else Result(files={f"{value}.txt": value.encode()})


def resuming(value: str) -> Task:
    return Task(value, "text", make_resuming, value, (("value", digest(value)),), resumes_check=True)


@pytest.mark.parametrize("fresh_engine", [False, True])  # the check's results in memory, or in the cache
def test_a_build_goes_on_from_what_the_check_of_the_same_task_found(tmp_path: Path, fresh_engine: bool):
    """A check's facts reach the build of that very task (a print task then lays out the variant the check
    kept, not the ones before it); a check's mistakes answer the build (it would find them again)."""
    RESUMED.clear()
    engine = Engine(Cache(tmp_path / "cache"), jobs=1)
    engine.run("texts", [resuming("a"), resuming("bad"), task("plain")], check=True)
    if fresh_engine:
        engine = Engine(Cache(tmp_path / "cache"), jobs=1)
    RESUMED.clear()
    built = engine.run("texts", [resuming("a"), resuming("bad"), resuming("new"), task("plain")])
    assert RESUMED == [("a", {"chosen": 2}), ("new", None)]  # "bad" not run again, "new" never checked
    assert built["a"].files == {"a.txt": b"a"} and not built["bad"].ok and built["plain"].files == {"plain.txt": b"plain"}


def test_eviction_drops_the_least_recently_used(tmp_path: Path):
    cache = Cache(tmp_path / "cache", limit_bytes=2500)
    for i, name in enumerate(("old", "mid", "new")):
        cache.put(name, Result(files={f"{name}.bin": bytes([i]) * 1000}))
        entry = next((tmp_path / "cache" / "entries").glob(f"*/{name}.json"))
        os.utime(entry, (1000 + i, 1000 + i))
    assert cache.get("old") is not None  # reading makes it the most recent
    assert cache.evict() == 1000
    assert cache.get("mid") is None and cache.get("old") is not None and cache.get("new") is not None
    assert cache.size() <= 2500


def test_a_damaged_entry_is_a_miss(tmp_path: Path):
    cache = Cache(tmp_path / "cache")
    cache.put("k", Result(files={"f": b"data"}))
    for blob in (tmp_path / "cache" / "blobs").glob("*/*"):
        blob.unlink()
    assert cache.get("k") is None


LANGS = frozenset({"fr", "en"})


@pytest.mark.parametrize(("old", "new", "href", "expected"), [
    ("fr/guides/prepare/index.html", "fr/guides/prepare.html", "../smem-reflex/", "smem-reflex.html"),
    ("fr/guides/prepare/index.html", "fr/guides/prepare.html", "./", "prepare.html"),
    ("fr/guides/prepare/index.html", "fr/guides/prepare.html", "../..", "../index.html"),
    ("fr/guides/prepare/index.html", "fr/guides/prepare.html", "../../../en/guides/prepare/", "../../en/guides/prepare.html"),
    ("fr/guides/prepare/index.html", "fr/guides/prepare.html", "../../assets/x.css", "../assets/x.css"),
    ("fr/guides/prepare/index.html", "fr/guides/prepare.html", "../../accessibilite/#top", "../accessibilite.html#top"),
    ("fr/index.html", "fr/index.html", "guides/prepare/", "guides/prepare.html"),
    ("fr/index.html", "fr/index.html", "../", "../index.html"),
    ("fr/index.html", "fr/index.html", "https://example.org/a/", "https://example.org/a/"),
    ("fr/index.html", "fr/index.html", "#main", "#main"),
])
def test_offline_links_lead_to_files(old: str, new: str, href: str, expected: str):
    assert rewrite_links(f'<a class="x" href="{href}">', old, new, LANGS) == f'<a class="x" href="{expected}">'


def test_offline_copy_moves_pages_and_search_locations():
    files = {"fr/guides/prepare/index.html": b'<link href="../../assets/a.css">',
             "fr/404.html": b"", "fr/sitemap.xml": b"",
             "fr/search/search_index.js": 'var __index = {"docs":[{"location":"guides/prepare/#x","title":"t",'
                                          '"text":""},{"location":"","title":"h","text":""}]};\n'.encode()}
    offline = offline_files(files, LANGS)
    assert set(offline) == {"fr/guides/prepare.html", "fr/search/search_index.js"}
    assert offline["fr/guides/prepare.html"] == b'<link href="../assets/a.css">'
    index = offline["fr/search/search_index.js"].decode()
    assert '"location":"guides/prepare.html#x"' in index and '"location":"index.html"' in index


def test_swap_never_leaves_site_missing(tmp_path: Path, monkeypatch):
    site = tmp_path / "site"
    write.publish(site, {"index.html": b"one"})
    write.publish(site, {"index.html": b"two", "fr/index.html": b"deux"})
    assert (site / "index.html").read_bytes() == b"two" and (site / "fr/index.html").read_bytes() == b"deux"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging or old folder left behind
    # where the system cannot exchange folders atomically, a failed second rename puts the old site back
    monkeypatch.setattr(write, "_exchange", lambda first, second: False)
    real_rename = os.rename

    def failing(source, target):
        if Path(source).name.startswith(".site-new-"):
            raise OSError("disk full")
        real_rename(source, target)

    monkeypatch.setattr(write.os, "rename", failing)
    with pytest.raises(OSError):
        write.publish(site, {"index.html": b"three"})
    assert (site / "index.html").read_bytes() == b"two"


def test_leftovers_of_an_interrupted_build_are_swept(tmp_path: Path):
    """A build or preview killed between staging and swapping leaves folders beside site/: the next one
    removes them (and never a folder it does not own)."""
    site = tmp_path / "site"
    for name in (".site-new-abc123", ".site-old-99999"):
        (tmp_path / name / "fr").mkdir(parents=True)
        (tmp_path / name / "fr" / "index.html").write_text("stale", encoding="utf-8")
    (tmp_path / "content").mkdir()
    write.publish(site, {"index.html": b"new"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]
    assert (site / "index.html").read_bytes() == b"new"

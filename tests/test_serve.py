"""The preview over HTTP: an edit reaches the page, a broken edit shows its diagnostics over the last good page.

How fast is measured by ``bench/bench_serve.py`` (budget: 2 s from the save to the sentence on the page);
here the preview must simply get there, and say what is wrong when it cannot.
"""

from __future__ import annotations

import json
import re
import time
import urllib.request
from contextlib import redirect_stderr, redirect_stdout
from io import StringIO
from pathlib import Path

from relais.engine.cache import Cache
from relais.engine.runner import Engine
from relais.project import Project
from relais.serve import Running
from test_cluster import tiny_kit

GUIDE = "guides/shelter.yml"
OLD = "Fermez les portes et les fenêtres"


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def wait_for(what, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = what()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError("the preview did not get there in time")


def test_edits_reach_the_page_and_mistakes_reach_the_browser(tmp_path: Path):
    kit = tiny_kit(tmp_path / "kit")
    guide = kit / "content" / GUIDE
    out, err = StringIO(), StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        project = Project(kit)
        running = Running(project, 0, Engine(Cache(project.cache_dir / "results"), jobs=2), "127.0.0.1")
        try:
            page = running.url + "fr/guides/shelter/"
            html = get(page)
            assert OLD in html and '<script src="/__relais__/live.js" defer></script>' in html
            assert "live.js" not in (kit / "site/fr/guides/shelter/index.html").read_text(encoding="utf-8")
            assert "location.reload" in get(running.url + "__relais__/live.js")
            epoch = json.loads(get(running.url + "__relais__/events?epoch=-1"))["epoch"]

            guide.write_text(guide.read_text(encoding="utf-8").replace(OLD, "Fermez bien les volets"), encoding="utf-8")
            wait_for(lambda: "Fermez bien les volets" in get(page))
            state = wait_for(lambda: (s := json.loads(get(running.url + f"__relais__/events?epoch={epoch}")))
                             ["epoch"] > epoch and s)
            assert state["errors"] == []

            text = guide.read_text(encoding="utf-8")
            guide.write_text(text.replace("\ntitle:", "\ntitel:"), encoding="utf-8")
            state = wait_for(lambda: (s := json.loads(get(running.url + f"__relais__/events?epoch={state['epoch']}")))
                             ["errors"] and s)
            assert state["errors"] == [f"content/{GUIDE}:6:1: error: unknown key 'titel'; did you mean 'title'?"]
            assert "Fermez bien les volets" in get(page)  # the last good page is still served

            guide.write_text(text, encoding="utf-8")
            wait_for(lambda: not json.loads(get(running.url + f"__relais__/events?epoch={state['epoch']}"))["errors"])
        finally:
            running.close()
    assert "Traceback" not in out.getvalue() + err.getvalue()
    assert f"content/{GUIDE}:6:1: error: unknown key 'titel'" in err.getvalue()
    assert "Pages of fr updated in" in out.getvalue()  # the page came first, images and PDFs followed
    # Each update counts its own work (not the sum so far): the first built everything, the edit what shows
    # the sentence, the edit undone nothing (all from the cache).
    built = [int(n) for n in re.findall(r"Site updated in [\d.]+ s \(built (\d+), reused \d+\)", out.getvalue())]
    # (the first may reuse everything from the run's cache: the edit's count, then 0, shows no running sum)
    assert len(built) >= 3 and built[1] > 0 and built[-1] == 0, built


def test_a_busy_port_is_one_line_before_any_build(tmp_path: Path, capsys):
    import socket

    from relais.serve import serve

    kit = tiny_kit(tmp_path / "kit")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = serve(Project(kit), port, Engine(Cache(tmp_path / "cache"), jobs=1))
    err = capsys.readouterr().err
    assert code == 2 and f"cannot serve on 127.0.0.1:{port}" in err and "--port" in err
    assert "Traceback" not in err and not (kit / "site").exists()  # nothing was built

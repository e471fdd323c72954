"""``serve``: from an editor's save to the new sentence on the page, over HTTP (budget: 2 s).

Run: ``.venv/bin/python bench/bench_serve.py`` (``--edits N``, default 5). The preview runs as the real
command line on a copy of the project; each edit changes one sentence of a guide in the source language,
and the page is fetched every 20 ms until it shows it. The time for the images and PDFs to follow is the
preview's own log line. For scale, the same run times a cached ``build`` of the whole kit.
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench_build import copy_project, timed_build

ROOT = Path(__file__).resolve().parent.parent
GUIDE = "guides/prepare.yml"
PAGE = "fr/guides/prepare/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def until(condition, timeout: float, step: float = 0.02) -> float:
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError
        time.sleep(step)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "kit")
        timed_build(project)  # the editor's usual state: a site built before
        cached, _ = timed_build(project)
        port = free_port()
        log = open(Path(tmp) / "serve.log", "w+", encoding="utf-8")
        server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--project", str(project), "serve",
                                   "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/{PAGE}"
        try:
            until(lambda: "Preview on" in Path(log.name).read_text(encoding="utf-8"), timeout=600, step=0.2)
            guide = project / "content" / GUIDE
            latencies = []
            for number in range(args.edits):
                sentence = f"Phrase numéro {number} ajoutée pour le banc d’essai."
                text = guide.read_text(encoding="utf-8")
                text = re.sub(r'\nkey_message: "(Phrase numéro \d+ ajoutée pour le banc d’essai\. )?',
                              f'\nkey_message: "{sentence} ', text, count=1)
                guide.write_text(text, encoding="utf-8")
                latencies.append(until(lambda: sentence in page(url), timeout=120))
                until(lambda: Path(log.name).read_text(encoding="utf-8").count("Site updated in") >= number + 2,
                      timeout=600, step=0.1)
        finally:
            server.terminate()
            server.wait()
        followed = [float(x) for x in re.findall(r"Site updated in ([\d.]+) s", Path(log.name).read_text())][1:]
    print(f"serve: save -> sentence on the page: median {statistics.median(latencies):.2f} s, "
          f"max {max(latencies):.2f} s over {len(latencies)} edits (budget 2 s)")
    print(f"serve: save -> images and PDFs updated too: median {statistics.median(followed):.1f} s")
    print(f"peer in the same run: a cached build of the whole kit from the command line: {cached:.1f} s")


if __name__ == "__main__":
    main()

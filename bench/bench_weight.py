"""Page weight: what a phone downloads to show each page, compressed as a static host would serve it.

Run: ``.venv/bin/python bench/bench_weight.py [--site site/]`` (default: builds a copy of the project first).

Every page of every language is loaded in Debian's chromium (Playwright) from a local server; the files it
requests are weighed on disk: text (HTML, CSS, JS, SVG, JSON) gzip -9 and brotli -q 11, already-compressed
formats (WOFF2, PNG, JPEG) as they are. Budget: the heaviest page's HTML + CSS + JS + fonts under 80 KB
(gzip). The search index is loaded only when a reader opens the search: it is shown apart.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import brotli

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("content", "theme", "infographics", "mkdocs.yml", "schemas")
BUDGET_KB = 80
KINDS = {".html": "html", ".css": "css", ".js": "js", ".woff2": "fonts"}
PRECOMPRESSED = {".woff2", ".png", ".jpg", ".jpeg", ".zip", ".pdf", ".gz"}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def weigh(path: Path) -> tuple[int, int]:
    """(gzip, brotli) bytes of a file as served."""
    data = path.read_bytes()
    if path.suffix in PRECOMPRESSED:
        return len(data), len(data)
    return len(gzip.compress(data, 9, mtime=0)), len(brotli.compress(data, quality=11))


def requested_files(browser, base: str, site: Path, page: str) -> list[Path]:
    tab = browser.new_page(viewport={"width": 390, "height": 844})
    urls: list[str] = []
    tab.on("request", lambda request: urls.append(request.url))
    tab.goto(base + page, wait_until="networkidle")
    tab.close()
    files = []
    for url in dict.fromkeys(urls):
        path = site / unquote(urlsplit(url).path).lstrip("/")
        files.append(path / "index.html" if path.is_dir() else path)
    return files


def measure(site: Path) -> list[dict]:
    from playwright.sync_api import sync_playwright
    pages = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.glob("*/**/index.html"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for page in pages:
                row = {"page": page, "html": 0, "css": 0, "js": 0, "fonts": 0, "other": 0, "brotli": 0}
                for path in requested_files(browser, f"http://127.0.0.1:{httpd.server_port}/", site, page):
                    gz, br = weigh(path)
                    row[KINDS.get(path.suffix, "other")] += gz
                    row["brotli"] += br if path.suffix in KINDS else 0
                row["budgeted"] = row["html"] + row["css"] + row["js"] + row["fonts"]
                rows.append(row)
            browser.close()
    finally:
        httpd.shutdown()
    return rows


def table(rows: list[dict], site: Path) -> str:
    kb = lambda n: f"{n / 1024:7.1f}"  # noqa: E731
    lines = [f"{'page':38} {'HTML':>7} {'CSS':>7} {'JS':>7} {'fonts':>7} {'images':>7} {'total':>7} {'brotli':>7}   (KB)"]
    for r in rows:
        lines.append(f"{r['page']:38} {kb(r['html'])} {kb(r['css'])} {kb(r['js'])} {kb(r['fonts'])} {kb(r['other'])} "
                     f"{kb(r['budgeted'])} {kb(r['brotli'])}")
    for index in sorted(site.glob("*/search/search_index.js")):
        gz, br = weigh(index)
        lines.append(f"{index.relative_to(site).as_posix():38} on opening the search: {kb(gz)} gzip, {kb(br)} brotli")
    return "\n".join(lines)


def built_copy(tmp: Path) -> Path:
    project = tmp / "kit"
    project.mkdir()
    for name in COPIED:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
    subprocess.run([sys.executable, str(ROOT / "build.py"), "--project", str(project), "build"],
                   check=True, capture_output=True)
    return project / "site"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site/ (default: build a copy of the project)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site.resolve() if args.site else built_copy(Path(tmp))
        rows = measure(site)
        print(table(rows, site))
    heaviest = max(rows, key=lambda r: r["budgeted"])
    verdict = "OK" if heaviest["budgeted"] <= BUDGET_KB * 1024 else "OVER BUDGET"
    print(f"\nheaviest page: {heaviest['page']} {heaviest['budgeted'] / 1024:.1f} KB gzip "
          f"(HTML + CSS + JS + fonts; budget {BUDGET_KB} KB): {verdict}")
    return 0 if verdict == "OK" else 1


if __name__ == "__main__":
    sys.exit(main())

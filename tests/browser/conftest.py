"""Browser tests: the built site served on 127.0.0.1, Debian's chromium driven by Playwright (sync API).

One browser and one tab for the session. Every request is recorded; any that is not for the local server
is blocked, and reported by the tests. Set RELAIS_TEST_SITE=/path/to/site to test a site built elsewhere
(quicker while editing the theme); by default the session's ``built_site`` is used.
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]


class StaticHost(SimpleHTTPRequestHandler):
    """Serves the site as a static host would: a missing page under /<lang>/ gets that language's 404.html."""

    def log_message(self, *args) -> None:
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / self.path.lstrip("/").split("/", 1)[0] / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def site_dir(request) -> Path:
    override = os.environ.get("RELAIS_TEST_SITE")
    return Path(override).resolve() if override else request.getfixturevalue("built_site")


@contextlib.contextmanager
def serving(folder: Path):
    """``folder`` served on 127.0.0.1 as a static host would; yields its address."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(StaticHost, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def server(site_dir: Path):
    with serving(site_dir) as address:
        yield address


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


class Tab:
    """A page that records every request, blocks those leaving the local server, and collects errors."""

    def __init__(self, browser, base: str, **context_options) -> None:
        self.base = base
        self.context = browser.new_context(**context_options)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("response", self._response)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.reset()

    def reset(self) -> None:
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(self.base) or url.startswith("file:"):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def _console(self, message) -> None:
        # "Failed to load resource" repeats a failed response: those are in ``failed`` (a 404 page is expected).
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(message.text)

    def _response(self, response) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            self.failed.append(f"{response.status} {response.url}")

    @property
    def outside(self) -> list[str]:
        return [url for url in self.requests if not (url.startswith(self.base) or url.startswith(("file:", "data:")))]

    def open(self, path: str, width: int = 1280, height: int = 800) -> "Tab":
        self.reset()
        self.page.set_viewport_size({"width": width, "height": height})
        self.page.goto(self.base + path, wait_until="load")
        return self

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="session")
def tab(browser, server):
    tab = Tab(browser, server)
    yield tab
    tab.close()


@pytest.fixture
def new_tab(browser, server):
    """Another tab, in a context of its own (e.g. with JavaScript off)."""
    opened = []
    yield lambda **options: opened.append(Tab(browser, server, **options)) or opened[-1]
    for tab in opened:
        tab.close()


@pytest.fixture(scope="session")
def site_pages(site_dir: Path) -> list[str]:
    """Every page of every language, as paths below the server's root (``fr/guides/prepare/``)."""
    pages = []
    for index in sorted(site_dir.glob("*/**/index.html")):
        pages.append(index.parent.relative_to(site_dir).as_posix() + "/")
    return pages

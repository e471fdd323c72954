"""Live preview: serve ``site/`` on localhost and rebuild when a content, theme or template file changes.

A saved edit reaches the browser in two steps: first the pages of the language that was edited (with the
images and PDFs of the last good build), then everything that changed (new images, PDFs, other languages);
the browser reloads after each. A broken edit prints its diagnostics and shows them in the browser on top of
the last good page. The preview adds one script to each page it serves (``/__relais__/live.js``, allowed by
the pages' security policy, which forbids inline scripts); the files on disk are never changed.
"""

from __future__ import annotations

import json
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from relais.engine.runner import Engine
from relais.preview import Preview
from relais.project import Project

LIVE = Path(__file__).with_name("live")  # live.js and live.css
POLL_SECONDS = 25


class State:
    """What the browser asks about: a number that grows with every published step, and the diagnostics."""

    def __init__(self) -> None:
        self.epoch = 0
        self.errors: list[str] = []
        self.changed = threading.Condition()

    def publish(self, errors: list[str]) -> None:
        with self.changed:
            self.epoch += 1
            self.errors = errors
            self.changed.notify_all()

    def wait(self, seen: int) -> dict:
        with self.changed:
            self.changed.wait_for(lambda: self.epoch != seen, timeout=POLL_SECONDS)
            return {"epoch": self.epoch, "errors": self.errors}


class Handler(SimpleHTTPRequestHandler):
    state: State

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = urlsplit(self.path).path
        if path == "/__relais__/events":
            seen = int(parse_qs(urlsplit(self.path).query).get("epoch", ["-1"])[0] or -1)
            return self._send(json.dumps(self.state.wait(seen)).encode(), "application/json")
        if path.startswith("/__relais__/") and path.rsplit("/", 1)[-1] in ("live.js", "live.css"):
            name = path.rsplit("/", 1)[-1]
            return self._send((LIVE / name).read_bytes(), "text/javascript" if name.endswith(".js") else "text/css")
        target = Path(self.translate_path(path))
        if target.is_dir():
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file():
            html = target.read_bytes()
            tag = b'<script src="/__relais__/live.js" defer></script>'
            html = html.replace(b"</head>", tag + b"</head>", 1) if b"</head>" in html else html + tag
            return self._send(html, "text/html; charset=utf-8")
        return super().do_GET()

    def _send(self, body: bytes, kind: str) -> None:
        try:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the tab was closed or reloaded meanwhile
            pass

    def log_message(self, format: str, *args) -> None:  # quiet: the terminal shows builds, not requests
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A browser that goes away mid-answer is normal for a preview: no traceback on the terminal."""
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            print(f"preview: could not answer {client_address[0]}: {sys.exc_info()[1]}", file=sys.stderr)


class PortInUse(Exception):
    pass


class Running:
    """A preview being served: its address, and how to stop it."""

    def __init__(self, project: Project, port: int, engine: Engine, host: str) -> None:
        self.state = State()
        self.engine = engine
        handler = partial(type("BoundHandler", (Handler,), {"state": self.state}), directory=str(project.site_dir))
        try:  # the address first: a busy port is known before a minute of building
            self.server = Server((host, port), handler)
        except OSError as exc:
            raise PortInUse(f"cannot serve on {host}:{port} ({exc.strerror}); choose another port with --port N") from None
        self.preview = Preview(project, engine, on_step=self.state.publish)
        self.preview.rebuild()
        self.stop = threading.Event()
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        watching = threading.Event()
        self.watcher = threading.Thread(target=self.preview.watch, args=(self.stop, watching), daemon=True)
        self.watcher.start()
        watching.wait(timeout=30)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/"

    def close(self) -> None:
        self.stop.set()
        self.watcher.join()
        self.server.shutdown()
        self.server.server_close()
        self.engine.close()


def serve(project: Project, port: int, engine: Engine, host: str = "127.0.0.1") -> int:
    try:
        running = Running(project, port, engine, host)
    except PortInUse as exc:
        engine.close()
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"Preview on {running.url} (Ctrl+C to stop)", flush=True)
    try:
        running.stop.wait()
    except KeyboardInterrupt:
        print("Stopped.")
    finally:
        running.close()
    return 0

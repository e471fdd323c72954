"""Live preview: build, serve site/ on localhost, rebuild when content or theme changes, reload the browser.

A failed rebuild prints its diagnostics and keeps serving the last good site, as ``build`` does.
"""

from __future__ import annotations

import re
import sys

from mkdocs.livereload import LiveReloadServer

from relais.diagnostics import ContentError
from relais.pipeline import build
from relais.project import Project

# The preview injects MkDocs' inline live-reload script, which the published pages' CSP would block.
_CSP_META = re.compile(rb'<meta http-equiv="Content-Security-Policy"[^>]*>')


class PreviewServer(LiveReloadServer):
    def _inject_js_into_html(self, content, epoch):
        return super()._inject_js_into_html(_CSP_META.sub(b"", content), epoch)


def rebuild(project: Project) -> None:
    try:
        build(project, progress=lambda message: print(message, flush=True))
    except ContentError as exc:
        for diagnostic in exc.report.errors:
            print(diagnostic, file=sys.stderr, flush=True)
        print("The preview still shows the last good build.", file=sys.stderr, flush=True)


def serve(project: Project, port: int, host: str = "127.0.0.1") -> int:
    rebuild(project)
    server = PreviewServer(builder=lambda: rebuild(project), host=host, port=port, root=str(project.site_dir))
    for folder in (project.content_dir, project.theme_dir, project.infographics_dir):
        server.watch(str(folder))
    server.watch(str(project.mkdocs_yml), recursive=False)
    print(f"Preview on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    try:
        server.serve()
    except KeyboardInterrupt:
        print("Stopped.")
    finally:
        server.shutdown()
    return 0

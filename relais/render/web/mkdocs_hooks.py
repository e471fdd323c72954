"""MkDocs hooks (MkDocs' own ``hooks:`` setting, no plugin).

- Keep Material's compiled templates between builds: compiling them is most of a small site's MkDocs build;
  Jinja's bytecode cache checks each template's source checksum, so a changed template is compiled again.
- Give ``<html>`` the page's direction: Material writes ``dir`` on ``<body>`` only, and its ``<html>`` tag is
  outside any template block an override could change; ``lang`` and ``dir`` belong together on the root.
- In right-to-left pages, isolate the left-to-right runs of the table of contents' titles: they are the
  headings' plain text (the ``<span dir="ltr">`` of the heading is not kept), so "#SMEM" would read "SMEM#".
"""

from __future__ import annotations

import html
import re

from jinja2 import FileSystemBytecodeCache

from relais.text.bidi import isolate_tokens

_HTML_TAG = re.compile(r"<html\b(?![^>]*\sdir=)")


def on_env(env, config, files):
    folder = config.extra.get("relais_bytecode_dir")
    if folder:
        env.bytecode_cache = FileSystemBytecodeCache(folder)
    return env


def with_direction(output: str, direction: str) -> str:
    return _HTML_TAG.sub(f'<html dir="{direction}"', output, count=1)


def on_page_content(content, page, config, files):
    if config.extra["relais"]["dir"] == "rtl":
        _isolate_titles(page.toc)
    return content


def _isolate_titles(items) -> None:
    for item in items:
        item.title = html.escape(isolate_tokens(html.unescape(item.title)), quote=False)
        _isolate_titles(item.children)


def on_post_page(output, page, config):
    return with_direction(output, config.extra["relais"]["dir"])


def on_post_template(output_content, template_name, config):
    if not template_name.endswith(".html"):
        return output_content
    return with_direction(output_content, config.extra["relais"]["dir"])

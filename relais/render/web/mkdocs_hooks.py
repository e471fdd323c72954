"""MkDocs hooks (MkDocs' own ``hooks:`` setting, no plugin).

- Keep Material's compiled templates between builds: compiling them is most of a small site's MkDocs build;
  Jinja's bytecode cache checks each template's source checksum, so a changed template is compiled again.
- Give ``<html>`` the page's direction: Material writes ``dir`` on ``<body>`` only, and its ``<html>`` tag is
  outside any template block an override could change; ``lang`` and ``dir`` belong together on the root.
"""

from __future__ import annotations

import re

from jinja2 import FileSystemBytecodeCache

_HTML_TAG = re.compile(r"<html\b(?![^>]*\sdir=)")


def on_env(env, config, files):
    folder = config.extra.get("relais_bytecode_dir")
    if folder:
        env.bytecode_cache = FileSystemBytecodeCache(folder)
    return env


def with_direction(output: str, direction: str) -> str:
    return _HTML_TAG.sub(f'<html dir="{direction}"', output, count=1)


def on_post_page(output, page, config):
    return with_direction(output, config.extra["relais"]["dir"])


def on_post_template(output_content, template_name, config):
    if not template_name.endswith(".html"):
        return output_content
    return with_direction(output_content, config.extra["relais"]["dir"])

"""MkDocs hook (MkDocs' own ``hooks:`` setting, no plugin): keep Material's compiled templates between builds.

Compiling Material's Jinja templates is most of a small site's MkDocs build; Jinja's bytecode cache checks each
template's source checksum, so a changed template is compiled again. It changes no output.
"""

from __future__ import annotations

from jinja2 import FileSystemBytecodeCache


def on_env(env, config, files):
    folder = config.extra.get("relais_bytecode_dir")
    if folder:
        env.bytecode_cache = FileSystemBytecodeCache(folder)
    return env

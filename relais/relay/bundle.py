"""The relay kit of one language as a ZIP for communicators: every image a post shows, ``posts.csv`` (one row
per post and network, with the length as that network counts it), the crisis templates and a README.

The CSV is UTF-8 with a byte order mark (spreadsheets then read accents right) and its header row stays in
English whatever the language (tools read it); the README says in the kit's language what each file holds.
Same content, same bytes: ``relais.render.web.offline.zip_files`` sorts entries and dates them from the content.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from relais.content import LocalContent
from relais.models.relay import Template
from relais.relay.compose import Composed
from relais.render.web.offline import zip_files

FOLDER = "relay-kit/"  # inside a language folder: the page, and the ZIP beside it
COLUMNS = ("network", "page", "post", "text", "length", "limit", "image", "alt_text")


@dataclass(frozen=True)
class Bundle:
    path: str  # relative to the language folder
    data: bytes


def bundle_stem(local: LocalContent, edition: str | None) -> str:
    return "-".join(filter(None, ("relay-kit", edition, local.lang, local.site.source_date)))


def image_name(media_path: str) -> str:
    """``media/prepare/x-1200x675.png`` -> ``images/prepare/x-1200x675.png`` (in the ZIP and the CSV)."""
    return "images/" + media_path.removeprefix("media/")


def csv_rows(posts: list[Composed]) -> list[dict[str, str]]:
    """One row per post and network; a carousel's images and their alt texts one per line, in order."""
    return [{"network": post.channel.id, "page": post.page_id, "post": post.post_id, "text": post.text,
             "length": "" if post.length is None else str(post.length),
             "limit": "" if post.limit is None else str(post.limit),
             "image": "\n".join(image_name(m.path) for m in post.images),
             "alt_text": "\n".join(str(m.alt) for m in post.images)} for post in posts]


def posts_csv(posts: list[Composed]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(csv_rows(posts))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def templates_text(templates: list[tuple[Template, str]]) -> str:
    return "".join(f"{template.title}\n{template.when}\n\n{text}\n\n---\n\n" for template, text in templates)


def readme(local: LocalContent, stem: str) -> str:
    relay, labels = local.relay, local.relay.labels
    lines = [f"{local.site.name} – {relay.title}", "", str(relay.summary), "", str(labels.readme), "",
             str(labels.csv_columns), "", f"{local.site.base_url.rstrip('/')}/{local.lang}/{FOLDER}", ""]
    return "\n".join(lines).replace("{zip}", stem)


def bundle(local: LocalContent, posts: list[Composed], templates: list[tuple[Template, str]],
           files: dict[str, bytes], edition: str | None = None) -> Bundle:
    """``files``: the language's image files by path in its folder (``media/...``)."""
    stem = bundle_stem(local, edition)
    content = {"posts.csv": posts_csv(posts), "README.txt": readme(local, stem).encode("utf-8"),
               "templates.txt": templates_text(templates).encode("utf-8")}
    for post in posts:
        for image in post.images:
            if image.path in files:
                content[image_name(image.path)] = files[image.path]
    return Bundle(f"{FOLDER}{stem}.zip", zip_files(content, stem, local.site.source_date))

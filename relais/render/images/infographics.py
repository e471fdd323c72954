"""Which images a kit has, as tasks: every infographic in every social-media format, and a link-preview card
per page (guides, case studies, free pages and the home page), in every language.

Files, relative to a language folder: ``media/<page>/<infographic>-<W>x<H>.png`` and ``.svg`` for each
format (``-<W>x<H>-<n>.png`` for the slides of a carousel), and ``media/<page>/card-1200x630.png`` / ``.jpg``.
The page inlines the 1080x1080 image's plain SVG (``inline_svgs``); the published SVG files embed their fonts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator

from relais.content import Content, LocalContent
from relais.engine.fingerprint import digest, digest_bytes, digest_tree
from relais.engine.task import Result, Task
from relais.render.images.canvas import Job, Subject
from relais.render.images.formats import CARD, FORMATS
from relais.svg import Logo, logo_markup
from relais.render.images.paint import Palette
from relais.render.images.tasks import ImageSpec, render_image
from relais.render.outputs import MediaFile
from relais.text import font_files
from relais.urls import media_path, page_path, short_address

KIND_FILES = {"guide": "guides", "case-study": "case-studies", "page": "pages"}


def short_url(content: Content, lang: str, path: str) -> str:
    """``smem.example.org/fr/guides/prepare``: the address a reader can type to check the image."""
    return short_address(content.site.base_url, lang, path)


def subjects(content: Content, local: LocalContent) -> Iterator[Subject]:
    lang = local.lang
    site = local.site
    yield Subject("home", "home", "site.yml", None, site.name, site.tagline, None, short_url(content, lang, ""))
    for kind, models in (("guide", local.guides), ("case-study", local.case_studies), ("page", local.pages)):
        for model in models:
            yield Subject(kind, model.id, f"{KIND_FILES[kind]}/{model.id}.yml", model, model.title,
                          model.key_message, model.icon, short_url(content, lang, page_path(kind, model.id)))


def card_alt(subject: Subject) -> str:
    return subject.summary


def jobs(content: Content, local: LocalContent) -> Iterator[Job]:
    for subject in subjects(content, local):
        # a card shows the title, key message, icon and address only: without the page, a change to its
        # items does not make its card again
        yield Job(replace(subject, model=None), "card", "card", card_alt(subject), CARD)
        for infographic in getattr(subject.model, "infographics", None) or []:
            for fmt in FORMATS:
                yield Job(subject, infographic.id, infographic.layout, infographic.alt, fmt)


def file_names(job: Job) -> list[tuple[str, str]]:
    """(encoding, file name) of what a job publishes."""
    if job.layout == "card":
        return [("png", f"card-{job.fmt.name}.png"), ("jpg", f"card-{job.fmt.name}.jpg")]
    # every size as SVG too, for designers to adapt (each carries the fonts it draws: ``portable``)
    return [("png", f"{job.image_id}-{job.fmt.name}.png"), ("svg", f"{job.image_id}-{job.fmt.name}.svg")]


@dataclass(frozen=True)
class Shared:
    """What every image of a build shares, read once: templates, logo, fonts."""

    templates: tuple[tuple[str, str], ...]
    templates_digest: str
    logo: Logo | None
    logo_digest: str
    fonts_digest: str

    @classmethod
    def read(cls, content: Content, infographics_dir: Path) -> "Shared":
        templates = tuple((p.name, p.read_text(encoding="utf-8")) for p in sorted(infographics_dir.glob("*.j2")))
        logo_bytes = (content.root / content.site.brand.logo).read_bytes() if content.site.brand.logo else b""
        fonts = digest([digest_bytes(Path(f).read_bytes()) for f in font_files()])
        return cls(templates, digest_tree(infographics_dir), logo_markup(logo_bytes) if logo_bytes else None,
                   digest_bytes(logo_bytes), fonts)


def image_tasks(content: Content, lang: str, shared: Shared, code: str) -> list[tuple[Task, Job]]:
    """One task per image of ``lang``. The spec holds one page and the language's settings: an image is
    rebuilt when what it shows changes, not when another page does."""
    local = content.in_language(lang, staleness=False)
    settings = local.for_media()
    palette = Palette.from_brand(content.site.brand)
    hashtags = " ".join(local.site.hashtags)
    settings_digest = digest(settings, palette, hashtags)
    page_digests: dict[tuple, str] = {}  # (page, card or not): a card does not carry the page
    planned = []
    for job in jobs(content, local):
        outputs = tuple((encoding, f"{lang}/{media_path(job.subject.page_id, name)}") for encoding, name in file_names(job))
        spec = ImageSpec(job, settings, palette, shared.logo, hashtags, shared.templates, outputs)
        page = page_digests.setdefault((job.subject.page_id, job.subject.model is None), digest(job.subject))
        inputs = (("page texts", page), ("image", digest(job.image_id, job.layout, job.alt, job.fmt, outputs)),
                  ("site settings and labels", settings_digest), ("logo", shared.logo_digest),
                  ("infographics templates", shared.templates_digest), ("fonts", shared.fonts_digest),
                  ("code and tools", code))
        planned.append((Task(outputs[0][1], "image", render_image, spec, inputs), job))
    return planned


def media_files(job: Job, result: Result, lang: str) -> list[MediaFile]:
    """The records pages link to (sizes, alt texts), from a finished image task. A carousel's files say
    which slide they are, how many there are and the item titles each shows (``result.facts["images"]``)."""
    media = []
    prefix = f"{lang}/"
    images = {path: image for image in result.facts.get("images", []) for path in image["paths"]}
    for path, data in result.files.items():
        fmt = path.rsplit(".", 1)[-1]
        image = images.get(path, {"index": 0, "count": 0, "holds": [], "alt": str(job.alt)})
        media.append(MediaFile(page_id=job.subject.page_id, infographic_id=job.image_id, fmt=fmt,
                               width=job.fmt.width, height=job.fmt.height, path=path.removeprefix(prefix),
                               size_bytes=len(data), alt=image["alt"], slide=image["index"],
                               slides=image["count"], holds=tuple(image["holds"])))
    return media


def inline_svgs(result: Result, lang: str) -> dict[str, str]:
    """The plain SVG (no embedded fonts: the page has its own) of each image a page may inline, by the path of
    its published file relative to the language folder."""
    return {path.removeprefix(f"{lang}/"): image["inline"] for image in result.facts.get("images", [])
            if "inline" in image for path in image["paths"] if path.endswith(".svg")}

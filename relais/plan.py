"""Plan stage: every output of the build as a task, and the assembly of their files into one site.

Images, PDFs and font subsets come first; the pages of a language depend on them (they link to them with
their sizes and inline the infographics' SVG), so their tasks are planned from those results. The front
door, the host files, the offline ZIP and ``SHA256SUMS`` are made from all the files in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from relais.content import Content
from relais.engine.fingerprint import code_digest
from relais.engine.task import Result, Task
from relais.manifest import NAME as MANIFEST, manifest
from relais.project import Project
from relais.render.images.canvas import Job
from relais.render.images.infographics import Shared, image_tasks, inline_svgs, media_files
from relais.render.outputs import MediaFile
from relais.render.print.documents import PrintDoc
from relais.render.print.tasks import print_tasks
from relais.render.web.assets import asset_files, asset_names
from relais.render.web.fonts import WebFont, font_task, web_fonts
from relais.render.web.host import host_files
from relais.render.web.mkdocs import mkdocs_config, pages_task
from relais.render.web.offline import zip_files
from relais.render.web.pages import page_files
from relais.render.web.root import bundle_name, root_files
from relais.svg import clean_svg

OFFLINE = "offline/"


@dataclass
class Plan:
    content: Content
    project: Project
    code: str
    images: dict[str, tuple[str, Job]]  # task name -> (language, job)
    prints: dict[str, PrintDoc]
    fonts: dict[str, WebFont]
    tasks: list[Task]

    @classmethod
    def make(cls, content: Content, project: Project) -> "Plan":
        code = code_digest()
        shared = Shared.read(content, project.infographics_dir)
        tasks: list[Task] = []
        images, prints, fonts = {}, {}, {}
        for lang in (lg.code for lg in content.languages):
            for task, job in image_tasks(content, lang, shared, code):
                images[task.name] = (lang, job)
                tasks.append(task)
            for task, doc in print_tasks(content, lang, project.theme_dir / "print", project.cache_dir / "print-fonts", code):
                prints[task.name] = doc
                tasks.append(task)
        for font in web_fonts():
            task = font_task(font, code)
            fonts[task.name] = font
            tasks.append(task)
        return cls(content, project, code, images, prints, fonts, tasks)

    def media_tasks(self) -> list[Task]:
        return self.tasks

    def page_tasks(self, media: dict[str, Result]) -> list[Task]:
        """One MkDocs task per language, from the finished images, PDFs and fonts."""
        content, project = self.content, self.project
        fonts = [(font, next(iter(media[name].files.values()))) for name, font in self.fonts.items()]
        logo = clean_svg((content.root / content.site.brand.logo).read_bytes()) if content.site.brand.logo else None
        tasks = []
        for lang in (lg.code for lg in content.languages):
            records: list[MediaFile] = []
            svgs: dict[str, str] = {}
            for name, (image_lang, job) in self.images.items():
                if image_lang == lang:
                    records += media_files(job, media[name], lang)
                    svgs.update(inline_svgs(media[name], lang))  # plain SVGs: the published ones carry fonts
            docs = [replace(doc, size_bytes=len(media[name].files[f"{lang}/{doc.path}"]))
                    for name, doc in self.prints.items() if doc.lang == lang]
            local = content.in_language(lang)
            assets = asset_files(content, project.theme_dir / "overrides", fonts, logo)
            pages = page_files(local, project.theme_dir / "pages", records, docs, svgs)
            files = {**assets, **{path: text.encode("utf-8") for path, text in pages.items()}}
            linked = [m.path for m in records] + [d.path for d in docs]
            config = mkdocs_config(content, local, asset_names(assets))
            tasks.append(pages_task(content, lang, project, files, linked, config, self.code))
        return tasks


def site_files(plan: Plan, media: dict[str, Result], pages: dict[str, Result],
               bundle: bytes | None = None) -> dict[str, bytes]:
    """Every file of ``site/``: the tasks' files, the offline ZIP, the front door, host files, SHA256SUMS.
    ``bundle``: an offline ZIP to publish as it is (the preview's first step keeps the last one)."""
    content = plan.content
    site: dict[str, bytes] = {}
    offline: dict[str, bytes] = {}
    for name, result in media.items():
        if name in plan.fonts:
            continue
        site.update(result.files)
        offline.update(result.files)
    for result in pages.values():
        for path, data in result.files.items():
            if path.startswith(OFFLINE):
                offline[path.removeprefix(OFFLINE)] = data
            else:
                site[path] = data
    root = plan.project.theme_dir / "root"
    offline.update(root_files(content, root, offline=True))
    name = bundle_name(content)
    site[name] = bundle or zip_files(offline, name.removesuffix(".zip"), content.site.source_date)
    site.update(root_files(content, root, bundle_size=len(site[name])))
    site.update(host_files(content, site))
    site[MANIFEST] = manifest(site).encode("utf-8")
    return site

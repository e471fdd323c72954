"""Plan stage: every output of the build as a task, and the assembly of their files into one site.

Images, PDFs and font subsets come first; the pages of a language depend on them (they link to them with
their sizes and inline the infographics' SVG), so their tasks are planned from those results. The front
door, the host files, the offline ZIP and ``SHA256SUMS`` are made from all the files in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from relais.content import Content
from relais.diagnostics import Report
from relais.editions import FOLDER as EDITIONS_FOLDER, edition_content, prefix as edition_prefix
from relais.load import LoadedFiles
from relais.locate import Locator
from relais.engine.fingerprint import code_digest
from relais.engine.task import Result, Task
from relais.manifest import NAME as MANIFEST, manifest
from relais.project import Project
from relais.relay.bundle import bundle as relay_bundle
from relais.relay.checks import relay_problems
from relais.relay.compose import compose
from relais.relay.media import media_records
from relais.relay.templates import filled_templates
from relais.render.images.canvas import Job
from relais.render.images.infographics import Shared, image_tasks, inline_svgs, media_files
from relais.render.outputs import MediaFile
from relais.render.print.documents import PrintDoc
from relais.render.print.tasks import print_tasks
from relais.render.web.assets import asset_files, asset_names
from relais.render.web.editions import editions_index
from relais.render.web.fonts import WebFont, font_task, web_fonts
from relais.render.web.host import host_files
from relais.render.web.mkdocs import mkdocs_config, pages_task
from relais.render.web.offline import zip_files
from relais.render.web.pages import page_files
from relais.render.web.relay import relay_page
from relais.render.web.root import bundle_name, root_files
from relais.svg import clean_svg

OFFLINE = "offline/"
EDITIONS = EDITIONS_FOLDER + "/"


@dataclass
class Plan:
    """The outputs of one site: the national one, or a local edition's (its files under ``prefix``)."""

    content: Content
    project: Project
    code: str
    images: dict[str, tuple[str, Job]]  # task name -> (language, job)
    prints: dict[str, PrintDoc]
    fonts: dict[str, WebFont]
    tasks: list[Task]
    prefix: str = ""  # "editions/<id>/" for a local edition; its task names start with it too
    relay_files: dict[str, bytes] = field(default_factory=dict)  # the relay kits' ZIPs, made with the pages

    @classmethod
    def make(cls, content: Content, project: Project, prefix: str = "", fonts: dict[str, WebFont] | None = None) -> "Plan":
        """``fonts``: the web fonts' tasks of another plan of the same build (an edition uses the national ones)."""
        code = code_digest()
        shared = Shared.read(content, project.infographics_dir)
        tasks: list[Task] = []
        images, prints = {}, {}
        named = lambda task: replace(task, name=prefix + task.name)
        for lang in (lg.code for lg in content.languages):
            for task, job in image_tasks(content, lang, shared, code):
                images[prefix + task.name] = (lang, job)
                tasks.append(named(task))
            for task, doc in print_tasks(content, lang, project.theme_dir / "print", project.cache_dir / "print-fonts", code):
                prints[prefix + task.name] = doc
                tasks.append(named(task))
        if fonts is None:
            fonts = {}
            for font in web_fonts():
                task = font_task(font, code)
                fonts[task.name] = font
                tasks.append(task)
        return cls(content, project, code, images, prints, fonts, tasks, prefix)

    def media_tasks(self) -> list[Task]:
        return self.tasks

    @property
    def edition(self) -> str | None:
        return self.prefix.split("/")[1] if self.prefix else None

    def relay_checks(self, media: dict[str, Result]) -> dict[str, Result]:
        """The relay kit's problems in every language (posts too long, alt texts), from the images' results
        (``check``'s too: they say which files each image makes and their alt texts)."""
        problems = []
        for lang in (lg.code for lg in self.content.languages):
            records = media_records(self.images, media, lang)
            problems += relay_problems(self.content.in_language(lang), records, self.edition)
        return {self.prefix + "relay": Result(problems=problems)}

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
            linked = [m.path for m in records] + [d.path for d in docs]
            if local.relay is not None:
                path, markdown = self._relay(local, records, media)
                pages[path] = markdown
                linked += [name.removeprefix(f"{lang}/") for name in self.relay_files if name.startswith(f"{lang}/")]
            files = {**assets, **{path: text.encode("utf-8") for path, text in pages.items()}}
            config = mkdocs_config(content, local, asset_names(assets))
            task = pages_task(content, lang, project, files, linked, config, self.code)
            tasks.append(replace(task, name=self.prefix + task.name))
        return tasks


    def _relay(self, local, records: list[MediaFile], media: dict[str, Result]) -> tuple[str, str]:
        """The relay kit page of a language (Markdown path, Markdown); its ZIP goes to ``relay_files``."""
        lang = local.lang
        posts = compose(local, records)
        templates = list(filled_templates(local))
        images = {path.removeprefix(f"{lang}/"): data for name, (image_lang, _) in self.images.items()
                  if image_lang == lang for path, data in media[name].files.items()}
        kit = relay_bundle(local, posts, templates, images, self.edition)
        self.relay_files[f"{lang}/{kit.path}"] = kit.data
        sizes = {path: len(data) for path, data in images.items()}
        return relay_page(local, self.project.theme_dir / "pages", records, posts, templates, kit, sizes)


def site_files(plan: Plan, media: dict[str, Result], pages: dict[str, Result],
               bundle: bytes | None = None) -> dict[str, bytes]:
    """Every file of ``site/``: the tasks' files, the offline ZIP, the front door, host files, SHA256SUMS.
    ``bundle``: an offline ZIP to publish as it is (the preview's first step keeps the last one)."""
    content = plan.content
    site: dict[str, bytes] = {}
    offline: dict[str, bytes] = {}
    for name in [*plan.images, *plan.prints]:
        site.update(media[name].files)
        offline.update(media[name].files)
    site.update(plan.relay_files)
    offline.update(plan.relay_files)  # the offline relay page links to its ZIP
    for name in (n for n in pages if n.startswith(plan.prefix) and (plan.prefix or not n.startswith(EDITIONS))):
        for path, data in pages[name].files.items():
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


@dataclass
class Plans:
    """The national site and the local editions of one build: their tasks run together, on one executor."""

    national: Plan
    editions: list[Plan]

    @classmethod
    def make(cls, content: Content, project: Project, only: str | None = None) -> "Plans":
        """``only``: plan that one edition besides the national site (default: every edition)."""
        national = Plan.make(content, project)
        chosen = [e for e in content.editions if only is None or e.id == only]
        return cls(national, [Plan.make(edition_content(content, e), project, edition_prefix(e), national.fonts)
                              for e in chosen])

    @property
    def all(self) -> list[Plan]:
        return [self.national, *self.editions]

    def media_tasks(self) -> list[Task]:
        return [task for plan in self.all for task in plan.media_tasks()]

    def page_tasks(self, media: dict[str, Result]) -> list[Task]:
        return [task for plan in self.all for task in plan.page_tasks(media)]

    def relay_checks(self, media: dict[str, Result]) -> dict[str, Result]:
        return {name: result for plan in self.all for name, result in plan.relay_checks(media).items()}

    def locate(self, results: dict[str, Result], loaded: LoadedFiles, report: Report) -> None:
        """Every problem of ``results`` at its line: an edition's with the edition's content (its texts are
        in its own file), and a problem that every edition shares once."""
        for plan in self.all:
            mine = (r for name, r in results.items() if name.startswith(plan.prefix)
                    and (plan.prefix or not name.startswith(EDITIONS)))
            Locator(plan.content, loaded).report((p for r in mine for p in r.problems), report)

    def site_files(self, media: dict[str, Result], pages: dict[str, Result], bundle: bytes | None = None,
                   kept: dict[str, bytes] | None = None) -> dict[str, bytes]:
        """Every file of ``site/``; ``kept``: the files of editions not planned (``--edition``), as published."""
        files = site_files(self.national, media, pages, bundle)
        files.pop(MANIFEST)
        files.update(kept or {})
        for plan in self.editions:
            files.update({plan.prefix + path: data for path, data in site_files(plan, media, pages).items()})
        files.update(editions_index(self.national.content, self.national.project.theme_dir / "root"))
        files[MANIFEST] = manifest(files).encode("utf-8")
        return files

"""What the translation tools work on: the source texts and the translation files as they are on disk.

Unlike ``check``, this does not need the translations to be valid (a language may not even be listed in
site.yml yet): only the source files must be, since every tool compares translations against them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from relais.diagnostics import ContentError, Report
from relais.load import LoadedFiles, kind_of, load_files
from relais.models import Site
from relais.project import Project
from relais.translation_checks import SourceText, source_texts
from relais.translations import flatten_translation
from relais.validate import MODELS, _validate_file
from relais.i18n.status import Key, Record, split_status, state


@dataclass
class Workspace:
    project: Project
    site: Site
    texts: dict[str, list[SourceText]]  # relpath -> translatable texts, in file order
    loaded: LoadedFiles

    def path(self, lang: str, relpath: str) -> Path:
        return self.project.content_dir / "translations" / lang / relpath

    def display(self, lang: str, relpath: str) -> str:
        return f"content/translations/{lang}/{relpath}"

    def where(self, lang: str, relpath: str, key: Key) -> str:
        """``file:line`` of a translated text, for messages."""
        source = self.loaded.translations.get(lang, {}).get(relpath)
        line = source.position(key)[0] if source else 1
        return f"{self.display(lang, relpath)}:{line}"

    def current(self, lang: str, relpath: str) -> tuple[dict[Key, str], dict[Key, Record]]:
        """The texts a translation file holds now (non-empty strings only) and their records."""
        source = self.loaded.translations.get(lang, {}).get(relpath)
        data, records = split_status(source.data if source else None)
        texts = {key: value.strip() for key, value in flatten_translation(data)
                 if isinstance(value, str) and value.strip()} if isinstance(data, dict) else {}
        return texts, records

    def states(self, lang: str) -> list[str]:
        """complete / missing / outdated for every text, as ``check`` counts them (without validating the texts)."""
        found = []
        for relpath, texts in self.texts.items():
            current, records = self.current(lang, relpath)
            found += [state(text.text, current.get(text.key), records.get(text.key)) for text in texts]
        return found

    def languages(self) -> list[str]:
        """Languages to translate: those of site.yml, then folders of languages not added yet."""
        listed = [lg.code for lg in self.site.languages if lg.code != self.site.default_language]
        return listed + sorted(set(self.loaded.translations) - set(listed) - {self.site.default_language})

    def by_context(self) -> dict[str, SourceText]:
        return {text.context: text for texts in self.texts.values() for text in texts}


def open_workspace(project: Project) -> Workspace:
    """Load every file and validate the sources; raises ``ContentError`` if a file cannot be read or a source is wrong."""
    report = Report()
    loaded = load_files(project.content_dir, project.root, report)
    models = {relpath: _validate_file(source, MODELS[kind_of(relpath)], report) for relpath, source in loaded.sources.items()}
    site = models.get("site.yml")
    if not report.ok or not isinstance(site, Site):
        raise ContentError(report)
    texts = {relpath: source_texts(relpath, model, loaded.sources[relpath]) for relpath, model in sorted(models.items())}
    return Workspace(project, site, texts, loaded)

"""Validation of local editions against the national kit, and of the data they are made of (phone
numbers, account handles), each mistake at the line an editor fixes."""

from __future__ import annotations

from typing import Callable

from pydantic import BaseModel

from relais.diagnostics import Report
from relais.load import LoadedFiles, edition_of, kind_of
from relais.models.edition import Edition, LocalContact
from relais.models.site import Account, Site
from relais.networks import account_problems
from relais.phones import dial
from relais.source import SourceFile


def check_data(node: BaseModel, loc: tuple, source: SourceFile, region: str, report: Report) -> None:
    """Account handles written the network's way; local numbers that can be dialled."""
    if isinstance(node, Account):
        for name, message in account_problems(node.network, node.handle, node.url):
            report.add(source.display, *source.position(loc + (name,)), message)
    if isinstance(node, LocalContact) and dial(node.number, region) is None:
        report.add(source.display, *source.position(loc + ("number",)),
                   f"'{node.number}' is not a valid phone number in {region}; write it as it is dialled, "
                   "e.g. 03 83 34 26 26, 0800 12 34 56 or +33 3 83 34 26 26")


def check_editions(site: Site, models: dict[str, BaseModel], loaded: LoadedFiles, report: Report,
                   check_logo: Callable[[str, tuple, SourceFile, Report], None]) -> None:
    codes = [lang.code for lang in site.languages]
    national = {m.id for p, m in models.items() if kind_of(p) == "guide"}
    numbers = {n.id for n in site.emergency_numbers}
    accounts = {a.id for a in site.accounts}
    for relpath, edition in models.items():
        if not isinstance(edition, Edition):
            continue
        source = loaded.sources[relpath]
        at = source.position
        for i, code in enumerate(edition.languages):
            if code not in codes:
                report.add(source.display, *at(("languages", i)), f"language '{code}' is not one of the kit's "
                           f"({', '.join(codes)}); remove it, or add it to site.yml with its translations")
        if site.default_language not in edition.languages:
            report.add(source.display, *at(("languages",)), f"the languages must include '{site.default_language}', "
                       "the language every guide is written in; add it")
        for i, guide in enumerate(edition.guides or []):
            if guide not in national:
                report.add(source.display, *at(("guides", i)), f"unknown guide '{guide}'; the kit's guides are "
                           f"{', '.join(sorted(national))}")
        for field, known, what in (("emergency_numbers", numbers, "national emergency number"),
                                   ("accounts", accounts, "national account")):
            for i, entry in enumerate(getattr(edition, field)):
                if entry.id in known:
                    report.add(source.display, *at((field, i, "id")), f"id '{entry.id}' is already a {what} "
                               "(shown in every edition); choose another id")
        if edition.logo:
            check_logo(edition.logo, ("logo",), source, report)
    for relpath in models:
        owner = edition_of(relpath)
        if owner is not None and f"editions/{owner}.yml" not in models:
            source = loaded.sources[relpath]
            report.add(source.display, 1, 1, f"no edition '{owner}' for this guide; create content/editions/{owner}.yml "
                       "or move the guide to content/guides/")


def edition_languages(models: dict[str, BaseModel]) -> dict[str, set[str]]:
    """For each file that belongs to an edition, the languages it is published in (its translations are
    required in those only)."""
    editions = {m.id: set(m.languages) for p, m in models.items() if isinstance(m, Edition)}
    only = {}
    for relpath, model in models.items():
        owner = model.id if isinstance(model, Edition) else edition_of(relpath)
        if owner is not None:
            only[relpath] = editions.get(owner, set())
    return only

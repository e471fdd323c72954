"""Crisis message templates (``relay.yml``), filled for the language and edition: ``{account}`` is the
official account on X, ``{hashtags}`` the hashtags, ``{url}`` the publisher's website; the [brackets] are
left for the communicator to write (what happened, where, when the next update comes)."""

from __future__ import annotations

from typing import Iterator

from relais.content import LocalContent
from relais.models.relay import Template
from relais.relay.compose import account
from relais.translations import LocalText


def filled_templates(local: LocalContent) -> Iterator[tuple[Template, str]]:
    if local.relay is None:
        return
    values = {"url": local.site.publisher.url, "hashtags": " ".join(local.site.hashtags), "account": account(local, "x")}
    for template in local.relay.templates:
        text = str(template.text)
        for name, value in values.items():
            text = text.replace("{" + name + "}", value)
        yield template, LocalText(text, template.text.lang, template.text.fallback) if isinstance(template.text, LocalText) else text

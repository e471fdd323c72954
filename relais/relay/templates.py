"""Crisis message templates (``relay.yml``), filled for the language and edition: ``{account}`` is the
official account on X, ``{hashtags}`` the hashtags, ``{url}`` the publisher's website; the [brackets] are
left for the communicator to write (what happened, where, when the next update comes). A right-to-left
template gets the direction marks of a post (``relais.text.bidi.mark_for_posting``): it is copied as one."""

from __future__ import annotations

from typing import Iterator

from relais.content import LocalContent
from relais.models.relay import Template
from relais.relay.compose import account
from relais.text.bidi import direction, mark_for_posting
from relais.translations import LocalText


def filled_templates(local: LocalContent) -> Iterator[tuple[Template, str]]:
    if local.relay is None:
        return
    values = {"url": local.site.publisher.url, "hashtags": " ".join(local.site.hashtags), "account": account(local, "x")}
    for template in local.relay.templates:
        text = str(template.text)
        for name, value in values.items():
            text = text.replace("{" + name + "}", value)
        shown_in = template.text.lang if getattr(template.text, "fallback", False) else local.lang
        if direction(shown_in) == "rtl":
            text = mark_for_posting(text)
        yield template, LocalText(text, template.text.lang, template.text.fallback) if isinstance(template.text, LocalText) else text

"""The social networks an account may be on: how their handles are written and where their pages live.

One table, used to check the accounts of the kit and of every edition (a handle copied from the wrong
network, or a page address on another site, is an editor's mistake the public would follow).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Network:
    name: str  # as the network writes itself
    handle: str  # regular expression of a handle, as shown to the public
    example: str
    hosts: tuple[str, ...]  # where its pages live (any host for a federated network)


NETWORKS: dict[str, Network] = {
    "x": Network("X", r"@[A-Za-z0-9_]{1,15}", "@Prefet54", ("x.com", "twitter.com")),
    "facebook": Network("Facebook", r"@?[A-Za-z0-9.\-]{5,50}", "prefet54", ("facebook.com", "fb.com")),
    "instagram": Network("Instagram", r"@?[A-Za-z0-9._]{1,30}", "@prefet54", ("instagram.com",)),
    "linkedin": Network("LinkedIn", r"@?[A-Za-z0-9\-]{3,100}", "prefecture-54", ("linkedin.com",)),
    "mastodon": Network("Mastodon", r"@[A-Za-z0-9_]{1,30}@[A-Za-z0-9.\-]+\.[a-z]{2,}", "@prefet54@social.example.org", ()),
    "bluesky": Network("Bluesky", r"@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+", "@prefet54.bsky.social", ("bsky.app",)),
    "threads": Network("Threads", r"@[A-Za-z0-9._]{1,30}", "@prefet54", ("threads.net", "threads.com")),
    "youtube": Network("YouTube", r"@[A-Za-z0-9._\-]{3,30}", "@prefet54", ("youtube.com",)),
    "whatsapp": Network("WhatsApp", r"@?[A-Za-z0-9._\- ]{1,60}", "Préfecture 54", ("whatsapp.com",)),
    "telegram": Network("Telegram", r"@[A-Za-z0-9_]{5,32}", "@prefet54", ("t.me", "telegram.me")),
}


def account_problems(network: str, handle: str, url: str) -> list[tuple[str, str]]:
    """(field, message) for a handle not written the network's way and a page address on another site."""
    known = NETWORKS[network]
    problems = []
    if not re.fullmatch(known.handle, handle):
        problems.append(("handle", f"'{handle}' is not written as a handle on {known.name}; write it as {known.name} shows it, "
                                   f"e.g. {known.example}"))
    host = (urlsplit(url).hostname or "").lower()
    if known.hosts and not any(host == h or host.endswith("." + h) for h in known.hosts):
        problems.append(("url", f"'{url}' is not a {known.name} address (expected {' or '.join(known.hosts)}); "
                                "copy the address of the account's page"))
    return problems

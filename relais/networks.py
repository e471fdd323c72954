"""The social networks the kit knows: how their handles are written, where their pages live, how each one
counts a post and its image description, and which image size it shows best.

One table, used to check the accounts of the kit and of every edition (a handle copied from the wrong
network, or a page address on another site, is an editor's mistake the public would follow), to count the
relay kit's posts (``relais.relay.count``) and to pair each post with its image.
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
    icon: str = "material/account-circle"  # in mkdocs-material's sets
    # The path of the account's page, from its handle without "@" ({name}); None where the page's address
    # need not name the handle (a Facebook page by id, a LinkedIn company, a WhatsApp channel).
    profile: str | None = None


NETWORKS: dict[str, Network] = {
    "x": Network("X", r"@[A-Za-z0-9_]{1,15}", "@Prefet54", ("x.com", "twitter.com"), "simple/x", "/{name}"),
    "facebook": Network("Facebook", r"@?[A-Za-z0-9.\-]{5,50}", "prefet54", ("facebook.com", "fb.com"), "simple/facebook"),
    "instagram": Network("Instagram", r"@?[A-Za-z0-9._]{1,30}", "@prefet54", ("instagram.com",), "simple/instagram", "/{name}"),
    "linkedin": Network("LinkedIn", r"@?[A-Za-z0-9\-]{3,100}", "prefecture-54", ("linkedin.com",),
                        "fontawesome/brands/linkedin"),
    "mastodon": Network("Mastodon", r"@[A-Za-z0-9_]{1,30}@[A-Za-z0-9.\-]+\.[a-z]{2,}", "@prefet54@social.example.org", (),
                        "simple/mastodon", "/@{name}"),
    "bluesky": Network("Bluesky", r"@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+", "@prefet54.bsky.social", ("bsky.app",),
                       "simple/bluesky", "/profile/{name}"),
    "threads": Network("Threads", r"@[A-Za-z0-9._]{1,30}", "@prefet54", ("threads.net", "threads.com"), "simple/threads", "/@{name}"),
    "youtube": Network("YouTube", r"@[A-Za-z0-9._\-]{3,30}", "@prefet54", ("youtube.com",), "simple/youtube", "/@{name}"),
    "whatsapp": Network("WhatsApp", r"@?[A-Za-z0-9._\- ]{1,60}", "Préfecture 54", ("whatsapp.com",), "simple/whatsapp"),
    "telegram": Network("Telegram", r"@[A-Za-z0-9_]{5,32}", "@prefet54", ("t.me", "telegram.me"), "simple/telegram", "/{name}"),
}


@dataclass(frozen=True)
class Channel:
    """Where the relay kit posts: a network's feed (or its stories), with the network's own rules.

    ``counter`` names how the network counts a post (``relais.relay.count``): ``x`` (twitter-text's weighted
    length: a web address 23, an emoji or a CJK character 2), ``mastodon`` (graphemes, a web address 23, a
    mention as its user name only), ``graphemes`` (what a reader sees as one character), ``threads`` (characters,
    an emoji as its UTF-8 bytes, as Threads documents) and ``utf16`` (UTF-16 code units, what the web
    composers of Meta, LinkedIn and Telegram count: an emoji 2). ``alt_counter`` is ``code points`` or
    ``graphemes``; ``alt_limit`` None where the network takes no description or does not document its limit.
    """

    id: str
    network: str  # the account network ({account}, icon)
    limit: int | None  # None: the post has no text of its own (a story)
    counter: str
    image: str  # the format it shows best (relais.render.images.formats), e.g. "1200x675"
    max_images: int = 4
    alt_limit: int | None = None
    alt_counter: str = "code points"
    links: bool = True  # False: a link in a post is not clickable (Instagram): written out, the bio's mentioned
    hashtags: int | None = None  # how many hashtags a post may carry (Threads: one topic)
    share: str | None = None  # the network's own share address; {text} is the whole post, {url} the page
    name: str = ""  # shown; default: the network's name

    @property
    def title(self) -> str:
        return self.name or NETWORKS[self.network].name

    @property
    def icon(self) -> str:
        return NETWORKS[self.network].icon


CHANNELS: tuple[Channel, ...] = (
    Channel("x", "x", 280, "x", "1200x675", alt_limit=1000, share="https://x.com/intent/post?text={text}"),
    Channel("bluesky", "bluesky", 300, "graphemes", "1200x675", alt_limit=2000, alt_counter="graphemes",
            share="https://bsky.app/intent/compose?text={text}"),
    Channel("mastodon", "mastodon", 500, "mastodon", "1200x675", alt_limit=1500),
    Channel("threads", "threads", 500, "threads", "1080x1350", max_images=20, hashtags=1),
    Channel("facebook", "facebook", 63206, "utf16", "1200x630", max_images=10,
            share="https://www.facebook.com/sharer/sharer.php?u={url}"),
    Channel("linkedin", "linkedin", 3000, "utf16", "1200x630", max_images=9,
            share="https://www.linkedin.com/sharing/share-offsite/?url={url}"),
    Channel("instagram", "instagram", 2200, "utf16", "1080x1350", max_images=20, links=False, hashtags=30),
    Channel("stories", "instagram", None, "utf16", "1080x1920", max_images=10, name="Stories"),
    Channel("whatsapp", "whatsapp", 1024, "utf16", "1080x1080", max_images=1, share="https://wa.me/?text={text}"),
    Channel("telegram", "telegram", 1024, "utf16", "1080x1080", max_images=10),
)
CHANNEL_IDS = tuple(c.id for c in CHANNELS)


def channel(channel_id: str) -> Channel:
    return next(c for c in CHANNELS if c.id == channel_id)


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
    elif not problems and (expected := _profile(known, handle)) and not _names(url, *expected):
        problems.append(("url", f"'{url}' is not the page of {handle} (that is https://{expected[0] or host}"
                                f"{expected[1]}): a look-alike or a mistake; copy the address of that account's page, "
                                "or correct the handle"))
    return problems


def _profile(known: Network, handle: str) -> tuple[str | None, str] | None:
    """(host, path) of the account's page as its handle says: a Mastodon handle names its server too."""
    if known.profile is None:
        return None
    name, _, server = handle.lstrip("@").partition("@")
    return (server or None), known.profile.format(name=name)


def _names(url: str, host: str | None, path: str) -> bool:
    """Is ``url`` the page at ``path`` (on ``host`` when given)? Case does not matter; a sub-page does."""
    parts = urlsplit(url)
    at = parts.path.rstrip("/").lower()
    return (host is None or (parts.hostname or "").lower() == host.lower()) and (
        at == path.lower() or at.startswith(path.lower() + "/"))

"""Share links: plain links with a pre-filled message, no third-party script, nothing loaded from elsewhere.

Mastodon has no central share address: rather than send readers through a third-party share page, the page
shows a small form (enabled by relais.js) where they type their own server, and the message is always
shown as text they can copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

# (network, name shown, icon, address pattern); {message} has the URL in it, {text} and {url} do not.
NETWORKS = (
    ("x", "X", "simple/x", "https://x.com/intent/post?text={text}&url={url}"),
    ("facebook", "Facebook", "simple/facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    ("linkedin", "LinkedIn", "fontawesome/brands/linkedin", "https://www.linkedin.com/sharing/share-offsite/?url={url}"),
    ("whatsapp", "WhatsApp", "simple/whatsapp", "https://wa.me/?text={message}"),
    ("bluesky", "Bluesky", "simple/bluesky", "https://bsky.app/intent/compose?text={message}"),
)


@dataclass(frozen=True)
class ShareLink:
    network: str
    name: str
    icon: str
    href: str


@dataclass(frozen=True)
class Share:
    """What a page's share panel needs: the message, the page address and one link per network."""

    message: str  # key message, address and hashtags: what every link posts
    text: str  # the same without the address, for the phone's share menu (it takes the address apart)
    url: str
    links: list[ShareLink]
    lang: str | None = None  # the message's language when the key message stands in for a missing translation


def share(title: str, key_message: str, url: str, hashtags: list[str], email_label: str) -> Share:
    tags = " ".join(hashtags)
    text = f"{key_message} {tags}".strip()
    message = f"{key_message} {url} {tags}".strip()
    values = {"text": _q(text), "url": _q(url), "message": _q(message)}
    links = [ShareLink(network, name, icon, pattern.format(**values)) for network, name, icon, pattern in NETWORKS]
    mail = f"mailto:?subject={_q(title)}&body={_q(message)}"
    links.append(ShareLink("email", email_label, "material/email-outline", mail))  # a label: may be a fallback
    lang = key_message.lang if getattr(key_message, "fallback", False) else None
    return Share(message=message, text=text, url=url, links=links, lang=lang)


def _q(value: str) -> str:
    return quote(str(value), safe="")

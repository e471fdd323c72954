"""Share links: plain links with a pre-filled message, no third-party script, nothing loaded from elsewhere.

Each network's link carries that network's own post from the relay kit (``relais.relay.compose``: the page's
first post, placeholders filled, within its limit as the network counts it); networks whose share address
takes no text (Facebook, LinkedIn) get the page's address. The addresses are in ``relais.networks``.
Mastodon has no central share address: rather than send readers through a third-party share page, the page
shows a small form (enabled by relais.js) where they type their own server, and the message is always
shown as text they can copy.

What leaves the page (the prefilled posts, the e-mail, the phone's share menu, the message to copy) is plain
text, where no ``<span dir="ltr">`` can go: in a right-to-left language its Latin runs (hashtags, handles,
addresses) get direction marks (``relais.text.bidi.mark_for_posting``, Bluesky's its own), or the reader's
post would show "SMEM#".
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from relais.networks import channel
from relais.text.bidi import LRM, RLM, direction as direction_of, mark_for_posting

# The order readers know the buttons in; each network's share address is in relais.networks.
ORDER = ("x", "facebook", "linkedin", "whatsapp", "bluesky")


@dataclass(frozen=True)
class ShareLink:
    network: str
    name: str
    icon: str
    href: str


@dataclass(frozen=True)
class Share:
    """What a page's share panel needs: the message, the page address and one link per network."""

    message: str  # what the Mastodon form and the e-mail post: the post with the address and hashtags
    text: str  # the same without the address, for the phone's share menu (it takes the address apart)
    url: str
    links: list[ShareLink]
    lang: str | None = None  # the message's language when the key message stands in for a missing translation


def share(title: str, key_message: str, url: str, hashtags: list[str], email_label: str,
          posts: dict[str, str] | None = None, direction: str = "ltr") -> Share:
    """``posts``: the page's post on each network (network id -> text); default: key message, address, hashtags.
    ``direction``: the page's language's (a key message standing in for a missing translation has its own)."""
    lang = key_message.lang if getattr(key_message, "fallback", False) else None
    rtl = (direction_of(lang) if lang else direction) == "rtl"

    def posted(text: str, network: str = "") -> str:
        return mark_for_posting(str(text), facets=network == "bluesky") if rtl else str(text)

    tags = " ".join(hashtags)
    default = f"{key_message} {url} {tags}".strip()
    posts = posts or {}
    message = posts.get("mastodon", default)
    plain = message.replace(LRM, "").replace(RLM, "")  # a relay post comes marked: marked again below
    text = plain.replace(url, " ") if url in plain else plain
    links = [ShareLink(c.id, c.title, c.icon, c.share.format(text=_q(posted(posts.get(c.id, default), c.id)), url=_q(url)))
             for c in map(channel, ORDER)]
    mail = f"mailto:?subject={_q(posted(title))}&body={_q(posted(message))}"
    links.append(ShareLink("email", email_label, "material/email-outline", mail))  # a label: may be a fallback
    return Share(message=posted(message), text=posted(_collapse(text)), url=url, links=links, lang=lang)


def _collapse(text: str) -> str:
    """Spaces left where the address was taken out (line breaks kept)."""
    return "\n".join(" ".join(line.split()) for line in text.splitlines()).strip()


def _q(value: str) -> str:
    return quote(str(value), safe="")

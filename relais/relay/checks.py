"""What ``check`` refuses in a relay kit, in every language and edition: a post longer than its network takes
(counted the network's way), an alt text longer than the network's limit for image descriptions, a post
showing an infographic its page does not have, a crisis template that leaves no room on X.

Each problem names the content file and the key of the text to cut; ``relais.locate`` finds its line in the
language's own file (or in the source, for a text that falls back to it).
"""

from __future__ import annotations

from relais.content import LocalContent
from relais.engine.task import Problem
from relais.networks import channel as channel_named
from relais.relay.compose import Composed, compose, pages_with_posts
from relais.relay.count import alt_length, how_counted, post_length
from relais.relay.templates import filled_templates
from relais.render.outputs import MediaFile


def relay_problems(local: LocalContent, media: list[MediaFile], edition: str | None = None) -> list[Problem]:
    where = f" in '{local.lang}'" + (f" in the edition '{edition}' (its address, hashtags and accounts)" if edition else "")
    composed = compose(local, media)
    problems = [_too_long(c, local.lang, where) for c in composed if c.over]
    problems += _alt_problems(composed, local.lang, where)
    problems += _unknown_images(local)
    problems += _template_problems(local, where)
    return problems


def _too_long(post: Composed, lang: str, where: str) -> Problem:
    channel = post.channel
    what = "the key message with the address and hashtags" if post.key == ("key_message",) else f"post '{post.post_id}'"
    return Problem(post.relpath, post.key, lang,
                   f"{what} is {post.length} characters long{where}, {channel.limit} at most on {channel.title} "
                   f"({how_counted(channel.counter)}); cut {post.over} characters")


def _alt_problems(composed: list[Composed], lang: str, where: str) -> list[Problem]:
    found: dict[tuple, Problem] = {}
    for post in composed:
        channel = post.channel
        for image in post.images:
            over = post.alt_over(image)
            key = (post.relpath, image.infographic_id, channel.id)
            if over and key not in found:
                found[key] = Problem(post.relpath, ("infographics", image.infographic_id, "alt"), lang,
                                     f"the text alternative of '{image.path}' is {alt_length(channel, image.alt)} "
                                     f"characters long{where}, {channel.alt_limit} at most on {channel.title}; "
                                     f"cut {over} characters")
    return list(found.values())


def _unknown_images(local: LocalContent) -> list[Problem]:
    problems = []
    for kind, model in pages_with_posts(local):
        ids = [i.id for i in model.infographics]
        for post in model.posts:
            if post.image and post.image not in ids:
                relpath = f"{'guides' if kind == 'guide' else 'case-studies'}/{model.id}.yml"
                problems.append(Problem(relpath, ("posts", post.id, "image"), "",
                                        f"image '{post.image}' is not an infographic of this page; use one of: "
                                        f"{', '.join(ids)}"))
    return problems


def _template_problems(local: LocalContent, where: str) -> list[Problem]:
    x = channel_named("x")
    problems = []
    for template, text in filled_templates(local):
        length = post_length(x, text)
        if length > x.limit:
            problems.append(Problem("relay.yml", ("templates", template.id, "text"), local.lang,
                                    f"template '{template.id}' is {length} characters long{where} as written, "
                                    f"{x.limit} at most on X ({how_counted(x.counter)}), with no room left for what "
                                    f"the communicator writes in its [brackets]; cut {length - x.limit} characters"))
    return problems

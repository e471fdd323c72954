"""Posts in the content model: placeholders, translatable like every text (keys, PO notes with each network's
limit, an import that counts the network's way), and the JSON Schemas that editors get."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po
from pydantic import ValidationError

from relais.models import Guide, Post
from relais.translations import translatable_fields
from relay_fixture import relay_kit
from test_i18n_po import export, fill, problems

SHELTER = "guides/shelter.yml"


def test_a_post_takes_only_known_placeholders():
    Post.model_validate({"id": "a", "text": "Suivez {account} : {url} {hashtags}"})
    with pytest.raises(ValidationError, match=r"unknown placeholder \{urll\}.*did you mean \{url\}"):
        Post.model_validate({"id": "a", "text": "Voir {urll}"})
    with pytest.raises(ValidationError, match="unknown placeholder"):
        Post.model_validate({"id": "a", "text": "x", "variants": {"x": "{hashtag}"}})
    with pytest.raises(ValidationError):
        Post.model_validate({"id": "a", "text": "x", "variants": {"myspace": "y"}})
    with pytest.raises(ValidationError):
        Post.model_validate({"id": "a", "text": "x", "networks": ["x", "orkut"]})


def test_post_texts_are_translatable_under_stable_keys():
    guide = {"id": "g", "order": 1, "phase": "act", "icon": "material/home", "title": "T", "key_message": "K",
             "summary": "S", "items": [{"id": "a", "icon": "material/home", "title": "a", "text": "a"},
                                       {"id": "b", "icon": "material/home", "title": "b", "text": "b"}],
             "infographics": [{"id": "i", "layout": "checklist", "alt": "A"}], "sources": [{"id": "s", "title": "S",
                                                                                             "publisher": "P"}],
             "posts": [{"id": "p", "text": "P {url}", "variants": {"x": "X {url}", "instagram": "I"}}]}
    keys = [key for key, _, _ in translatable_fields(Guide.model_validate(guide))]
    assert ("posts", "p", "text") in keys and ("posts", "p", "variants", "x") in keys
    assert ("posts", "p", "variants", "instagram") in keys and ("posts", "p", "variants", "bluesky") not in keys


def test_po_export_gives_each_networks_limit_and_import_counts_its_way(tmp_path):
    kit = relay_kit(tmp_path / "kit")
    path = export(kit, "ar")
    with path.open("rb") as handle:
        entries = {m.context: m for m in read_po(handle) if m.context}
    x = entries[f"{SHELTER}:posts.shelter-now.variants.x"]
    assert any("X 280 (as X counts them: a web address 23, an emoji 2)" in c for c in x.auto_comments)
    generic = " ".join(entries[f"{SHELTER}:posts.shelter-now.text"].auto_comments)
    for limit in ("X 280", "Bluesky 300", "Mastodon 500", "Threads 500", "Instagram 2 200", "Telegram 1 024"):
        assert limit in generic
    assert "max 3000" not in generic
    # 250 Arabic letters, the X account (@gouvernementFR), the address (23 on X, whatever its length) and #SMEM
    long = "ب" * 250 + " {account} {url} {hashtags}"
    lines = fill(path, {f"{SHELTER}:posts.shelter-now.variants.x": long,
                        f"{SHELTER}:posts.emoji.text": "🚨 بلا رابط"})
    before = kit.file(f"translations/ar/{SHELTER}").read_text(encoding="utf-8")
    result = kit.run("i18n", "import", str(path))
    assert result.returncode == 1
    found = problems(result)
    line = lines[f"{SHELTER}:posts.shelter-now.variants.x"]
    messages = [p["message"] for p in found if p["line"] == str(line)]
    assert messages == [f"{SHELTER}:posts.shelter-now.variants.x: too long: {250 + 16 + 1 + 23 + 1 + 5} characters on X, "
                        "280 at most (as X counts them: a web address 23, an emoji 2); cut 16 characters"]
    lost = [p["message"] for p in found if p["line"] == str(lines[f"{SHELTER}:posts.emoji.text"])]
    assert any("the placeholder '{account}', '{hashtags}', '{url}'" in m for m in lost), lost
    assert kit.file(f"translations/ar/{SHELTER}").read_text(encoding="utf-8") == before  # nothing written

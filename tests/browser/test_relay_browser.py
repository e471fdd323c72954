"""The relay kit page in Chromium, on the relay fixture's build: each copy button copies its post, alt text or
template exactly (served, and from the offline copy opened from disk), says so in its card's status line, has
a name; no script error, nothing loaded from elsewhere, axe clean at 390 and 1280 px in French and Arabic."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from relay_fixture import built_relay_kit
from browser.conftest import Tab, serving
from browser.test_site_browser import problems_on

pytestmark = pytest.mark.browser
CLIPBOARD = ["clipboard-read", "clipboard-write"]


@pytest.fixture(scope="module")
def relay_site(shared_dir) -> Path:
    return built_relay_kit(shared_dir)


@pytest.fixture(scope="module")
def relay_server(relay_site):
    with serving(relay_site) as address:
        yield address


@pytest.fixture
def relay_tab(browser, relay_server):
    tab = Tab(browser, relay_server, permissions=CLIPBOARD)
    yield tab
    tab.close()


def copies_exactly(tab: Tab) -> list[str]:
    """Click every copy button of the page; what the clipboard then holds, against the text it names."""
    page = tab.page
    buttons = page.locator("button[data-relais-copy-target]")
    assert buttons.count() > 10
    wrong = []
    for index in range(buttons.count()):
        button = buttons.nth(index)
        assert button.is_visible() and button.inner_text().strip()  # shown with JavaScript, with a name
        target = button.get_attribute("data-relais-copy-target")
        expected = page.evaluate("id => document.getElementById(id).textContent", target)
        page.evaluate("() => navigator.clipboard.writeText('')")
        button.click()
        status = button.locator("xpath=ancestor::section[contains(@class,'relais-post')]//p[@role='status']")
        status.filter(has_text=button.get_attribute("data-relais-copied")).wait_for(timeout=2000)
        copied = page.evaluate("() => navigator.clipboard.readText()")
        if copied != expected:
            wrong.append(f"{target}: {copied!r} != {expected!r}")
    return wrong


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_copy_buttons_copy_the_exact_text(relay_tab, lang):
    relay_tab.open(f"{lang}/relay-kit/")
    assert copies_exactly(relay_tab) == []
    text = relay_tab.page.evaluate("document.querySelector('[data-relais-post]').textContent")
    assert "\n" in text or "https://" in text  # line breaks are characters of the post, kept
    assert relay_tab.errors == [] and relay_tab.outside == [] and relay_tab.failed == []


def test_copy_works_from_the_offline_copy_opened_from_disk(browser, relay_site, tmp_path):
    bundle = next(relay_site.glob("relais-site-*.zip"))
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(tmp_path)
    root = next(tmp_path.iterdir())
    page = root / "fr" / "relay-kit.html"
    assert page.is_file()
    tab = Tab(browser, root.as_uri() + "/", permissions=CLIPBOARD)
    try:
        tab.page.goto(page.as_uri(), wait_until="load")
        assert copies_exactly(tab) == []
        zip_link = tab.page.locator(".relais-relay__bundle a").get_attribute("href")
        assert (page.parent / zip_link).is_file()  # the kit's ZIP is in the offline copy too
        images = tab.page.eval_on_selector_all("img[data-relais-image]", "els => els.map(e => e.getAttribute('src'))")
        assert images and all((page.parent / src).is_file() for src in images)
        assert tab.errors == []
    finally:
        tab.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_relay_pages_are_accessible_and_reflow(browser, relay_server, width):
    from axe_playwright_python.sync_playwright import Axe

    tab = Tab(browser, relay_server)
    try:
        found = [p for lang in ("fr", "ar") for p in problems_on(tab, Axe(), f"{lang}/relay-kit/", width)]
        found += problems_on(tab, Axe(), "editions/demonstration/ar/relay-kit/", width)
    finally:
        tab.close()
    assert found == [], "\n".join(found)


# What Bluesky's app finds in a post (@atproto/api's rich-text detection): a link, a hashtag only after white
# space, taking every non-space character that follows into it.
BLUESKY = r"""text => ({
  urls: [...text.matchAll(/(^|\s|\()((https?:\/\/[\S]+)|((?<domain>[a-z][a-z0-9]*(\.[a-z0-9]+)+)[\S]*))/gim)].map(m => m[2]),
  tags: [...text.matchAll(/(^|\s)[#＃]((?!\ufe0f)[^\s\u00AD\u2060\u200A\u200B\u200C\u200D\u20e2]*[^\d\s\p{P}\u00AD\u2060\u200A\u200B\u200C\u200D\u20e2]+[^\s\u00AD\u2060\u200A\u200B\u200C\u200D\u20e2]*)?/gu)].map(m => m[2]),
})"""

# Where each Latin "#tag", "@handle" and "https" starts, against its next letter, once the text is laid out
# right to left as a composer shows it: the first character must be on the left.
ORDER = r"""text => {
  const box = document.createElement("div");
  box.dir = "rtl"; box.style.cssText = "white-space: pre-wrap; font: 20px sans-serif; width: 900px";
  box.textContent = text; document.body.replaceChildren(box);
  const node = box.firstChild, wrong = [];
  const x = i => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
                   return r.getBoundingClientRect().left; };
  for (const m of text.matchAll(/[#@](?=[A-Za-z])|https?:/g)) {
    if (x(m.index) >= x(m.index + 1)) wrong.push(text.slice(m.index, m.index + 12));
  }
  return wrong;
}"""


def test_arabic_posts_read_in_order_and_bluesky_finds_their_links_and_tags(browser, relay_site):
    """Every Arabic post and template of the kit's posts.csv and templates.txt, laid out right to left in
    Chromium: "#SMEM", "@handle" and addresses read left to right ("#" on the left, not "SMEM#"); on Bluesky,
    the tag is "SMEM" and the address a link (an invisible isolate against them once broke both)."""
    from test_relay_build import bundle, rows

    archive = bundle(relay_site, "", "ar")
    posts = [r for r in rows(archive) if r["length"]]
    templates = archive.read(next(n for n in archive.namelist() if n.endswith("templates.txt"))).decode("utf-8")
    page = browser.new_page()
    try:
        wrong = [f"{r['network']}: {w!r}" for r in posts for w in page.evaluate(ORDER, r["text"])]
        wrong += [f"template: {w!r}" for w in page.evaluate(ORDER, templates)]
        for row in (r for r in posts if r["network"] == "bluesky"):
            found = page.evaluate(BLUESKY, row["text"])
            assert "SMEM" in found["tags"] and all(t.isascii() and t.isalnum() for t in found["tags"] if t), found
            assert found["urls"] and all(u.isascii() for u in found["urls"]), found
    finally:
        page.close()
    assert "#SMEM" in templates and not any(c in "\u2066\u2069" for r in posts for c in r["text"])
    assert wrong == [], "\n".join(wrong)

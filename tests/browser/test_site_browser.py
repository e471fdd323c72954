"""Every page in every language, in a real browser: WCAG 2.2 AA as axe checks it, no request leaving the
site, no horizontal scrolling at 320 px, no script or policy error; then search, the language switcher,
the 404 page, the offline copy opened from disk, and reading with JavaScript off."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

# best-practice too: named dialogs (aria-dialog-name), unique landmarks, roles that suit their element...
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe
    return Axe()


def problems_on(tab, axe, path: str, width: int, audit: bool = True) -> list[str]:
    """What is wrong with ``path`` at ``width``: requests, errors, horizontal scroll and (``audit``) axe."""
    tab.open(path, width=width)
    found = [f"{path} @{width}px: request outside the site: {url}" for url in tab.outside]
    found += [f"{path} @{width}px: {failure}" for failure in tab.failed]
    found += [f"{path} @{width}px: error: {error}" for error in tab.errors]
    # resultTypes: axe still runs every rule on every element, but lists only the violations (what we read),
    # not every passing element: a third less time a page.
    results = axe.run(tab.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS},
                                         "resultTypes": ["violations"]}) if audit else None
    for violation in results.response["violations"] if results else []:
        targets = [" ".join(node["target"]) for node in violation["nodes"]][:3]
        found.append(f"{path} @{width}px: axe {violation['id']}: {violation['help']} {targets}")
    scroll = tab.page.evaluate("document.documentElement.scrollWidth")
    if scroll > width:
        found.append(f"{path} @{width}px: scrolls horizontally ({scroll} px wide)")
    return found


def audited_at(path: str, width: int) -> bool:
    """axe runs on every page at 1280 px; at 320 px on every French and Arabic page (each template, in both
    directions) and on the other languages' home and 404 pages: their other pages are the same templates
    with other words, whose reflow (no horizontal scroll) and requests are still checked on every page."""
    return width > 320 or path.startswith(("fr/", "ar/")) or path.count("/") <= 1 or "no-such" in path


@pytest.mark.parametrize("width", [1280, 320])
def test_every_page_is_accessible_private_and_reflows(tab, axe, site_pages, width):
    pages = ["", *site_pages, "fr/no-such-page/", "en/guides/no-such-guide/"]  # the last two: 404 pages
    problems = [problem for path in pages for problem in problems_on(tab, axe, path, width, audited_at(path, width))]
    assert problems == [], "\n".join(problems)


def test_the_outside_world_is_really_blocked(tab):
    """Guards for the test above: the site's policy refuses other origins; without it the tab records and blocks."""
    tab.open("fr/")
    tab.page.evaluate("document.body.append(Object.assign(document.createElement('img'), {src: 'http://192.0.2.1/x.png'}))")
    tab.page.wait_for_timeout(200)
    assert any("Content Security Policy" in error for error in tab.errors), tab.errors
    tab.reset()
    tab.page.set_content('<img src="http://192.0.2.1/y.png" alt="">')  # about:blank: no policy
    tab.page.wait_for_timeout(200)
    assert tab.outside == ["http://192.0.2.1/y.png"]


@pytest.mark.parametrize(("lang", "query", "expected"), [("fr", "notifications", "guides/prepare/"),
                                                         ("en", "notifications", "guides/prepare/")])
def test_search_finds_pages_in_the_language(tab, lang, query, expected):
    tab.open(f"{lang}/", width=390)
    tab.page.click("[data-relais-toggle=__search]")  # on a phone: the header's search button
    tab.page.keyboard.type(query)
    first = tab.page.wait_for_selector(".md-search-result__list a")
    assert f"/{lang}/{expected}" in first.get_attribute("href")
    assert tab.outside == [] and tab.errors == []


def test_language_switcher_keeps_the_page(tab):
    tab.open("fr/guides/prepare/")
    tab.page.hover(".md-select")
    tab.page.click(".md-select__link[hreflang=en]")
    tab.page.wait_for_load_state()
    assert tab.page.url.endswith("/en/guides/prepare/")


def test_missing_page_gets_the_translated_404_with_working_links(tab):
    for path, title in (("fr/guides/nope/", "Page introuvable"), ("en/a/b/c/", "Page not found")):
        tab.open(path)
        assert tab.page.inner_text("h1") == title
        assert tab.failed == [] and tab.errors == []
        home = tab.page.get_attribute(".md-content a", "href")
        assert home == "/" + path.split("/")[0] + "/"


def test_pages_read_fine_without_javascript(new_tab):
    tab = new_tab(java_script_enabled=False).open("fr/guides/prepare/", width=390)
    text = tab.page.inner_text("article")
    assert "Suivez les comptes officiels" in text and "Abonnez-vous" in text
    assert not tab.page.is_visible("label[for=__search].md-header__button")  # no dead search button
    assert not tab.page.is_visible("[data-relais-mastodon]")  # needs JavaScript: hidden
    assert tab.failed == [] and tab.outside == []


def test_offline_copy_works_from_disk(tab, site_dir, tmp_path):
    bundle = next(site_dir.glob("relais-site-*.zip"))
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(tmp_path)
    root = next(tmp_path.iterdir())
    tab.reset()
    tab.page.set_viewport_size({"width": 1280, "height": 800})
    tab.page.goto((root / "index.html").as_uri())
    tab.page.wait_for_url((root / "en/index.html").as_uri())  # the front door follows the browser's language
    tab.page.locator(".md-nav--primary a", has_text="Get ready before an incident").click()
    assert tab.page.url == (root / "en/guides/prepare.html").as_uri()
    tab.page.focus("input[name=query]")
    tab.page.fill("input[name=query]", "rumours")
    assert tab.page.wait_for_selector(".md-search-result__list a").get_attribute("href").startswith("file:")
    tab.page.keyboard.press("Escape")  # closes the search
    tab.page.hover(".md-select")
    tab.page.click(".md-select__link[hreflang=fr]")
    assert tab.page.url == (root / "fr/guides/prepare.html").as_uri()
    assert tab.outside == [] and tab.errors == [], tab.outside + tab.errors


def test_mastodon_form_opens_the_readers_own_server(tab):
    tab.open("fr/guides/prepare/", width=390)
    tab.page.evaluate("window.open = (url) => { window.__opened = url; }")  # no popup, no request
    tab.page.fill("#relais-mastodon-server", "https://social.example/@me")
    tab.page.click("[data-relais-mastodon] button")
    opened = tab.page.evaluate("window.__opened")
    assert opened.startswith("https://social.example/share?text=Avant%20toute%20crise")
    assert "%23SMEM" in opened and "guides%2Fprepare%2F" in opened
    tab.page.fill("#relais-mastodon-server", "not a server")
    tab.page.click("[data-relais-mastodon] button")
    assert tab.page.get_attribute("#relais-mastodon-server", "aria-invalid") == "true"


# For every drawn occurrence of a needle in the page (text, header, navigation, inline infographics): true when
# its first, middle and last characters are laid out left to right, as they read (Range rectangles: what
# the reader sees, not the markup). Text alternatives of SVGs and hidden text are not drawn: skipped.
READING_ORDER = """(needle) => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    if (node.parentElement.closest('title, desc, script')) continue;
    for (let at = node.data.indexOf(needle); at >= 0; at = node.data.indexOf(needle, at + 1)) {
      const box = (i) => { const r = document.createRange(); r.setStart(node, at + i); r.setEnd(node, at + i + 1);
                           return r.getBoundingClientRect(); };
      if (box(0).width === 0) continue;
      const x = [0, Math.floor(needle.length / 2), needle.length - 1].map((i) => box(i).left + box(i).width / 2);
      found.push(x[0] < x[1] && x[1] < x[2]);
    }
  }
  return found;
}"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(("path", "needle"), [("ar/guides/smem-reflex/", "#SMEM"), ("ar/", "#SMEM"),
                                             ("ar/", "Relais #SMEM")])
def test_latin_runs_read_left_to_right_in_arabic_pages(tab, width, path, needle):
    tab.open(path, width=width)
    assert tab.page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    order = tab.page.evaluate(READING_ORDER, needle)
    assert len(order) >= 2 and all(order), order
    if needle != "#SMEM":
        return
    # Guard: without the isolation the same text shows "SMEM#", so the measure above sees the difference.
    tab.page.evaluate("document.querySelectorAll('article span[dir=ltr]').forEach(s => s.removeAttribute('dir'))")
    assert not all(tab.page.evaluate(READING_ORDER, needle))


PHONE = {"width": 390, "height": 844}
# The focused element: where it is, and whether a focus ring is drawn around it.
FOCUSED = """() => {
  const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
  return {name: e.tagName + ' ' + (e.getAttribute('href') || e.className || ''), left: r.left, right: r.right,
          top: r.top, bottom: r.bottom, ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
          colour: s.outlineColor, background: getComputedStyle(e.closest('li, form, div') || e).backgroundColor};
}"""


def focused(tab) -> dict:
    return tab.page.evaluate(FOCUSED)


def on_screen(box: dict, width: int, height: int) -> bool:
    return box["right"] > 0 and box["left"] < width and box["bottom"] > 0 and box["top"] < height \
        and box["right"] - box["left"] > 0


@pytest.mark.parametrize("path", ["fr/", "ar/guides/prepare/"])
def test_phone_tab_stops_are_on_screen_with_a_visible_ring(tab, path):
    """WCAG 2.4.7 and 2.4.11: the closed drawer, the closed language menu and the closed search box are out of
    the tab order, so the first 25 tab stops are all on screen, each with its focus ring."""
    tab.open(path, **PHONE)
    problems = []
    for stop in range(25):
        tab.page.keyboard.press("Tab")
        box = focused(tab)
        if not on_screen(box, **PHONE) or not box["ring"]:
            problems.append(f"tab stop {stop + 1}: {box}")
    assert problems == [], "\n".join(problems)
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize(("lang", "query"), [("fr", "rumeurs"), ("ar", "SMEM")])
def test_search_results_fit_a_phone_and_show_their_focus(tab, lang, query):
    tab.open(f"{lang}/", **PHONE)
    tab.page.click("[data-relais-toggle=__search]")
    tab.page.keyboard.type(query)
    tab.page.wait_for_selector(".md-search-result__list a")
    tab.page.wait_for_timeout(400)  # Material's opening transition
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    boxes = tab.page.evaluate("[...document.querySelectorAll('.md-search-result__link')].map(a => "
                              "{let r = a.getBoundingClientRect(); return [r.left, r.right]})")
    assert boxes and all(left >= 0 and right <= PHONE["width"] for left, right in boxes), boxes
    tab.page.keyboard.press("Enter")  # to the first result
    box = focused(tab)
    assert box["name"].startswith("A ") and box["ring"] and box["colour"] != box["background"], box
    assert box["colour"] == "rgb(10, 118, 246)", box  # the blue focus colour, not the header's white
    assert all(tab.page.evaluate(READING_ORDER, "#SMEM"))  # results are plain text: isolated too
    tab.page.keyboard.press("Escape")
    assert tab.page.get_attribute("[data-relais-toggle=__search]", "aria-expanded") == "false"


def test_drawer_opens_from_the_keyboard_and_says_so(tab):
    tab.open("fr/guides/prepare/", **PHONE)
    menu = "[data-relais-toggle=__drawer]"
    assert tab.page.evaluate(f"document.querySelector('{menu}').tagName") == "BUTTON"
    assert tab.page.get_attribute(menu, "aria-expanded") == "false"
    assert not tab.page.is_visible(".md-sidebar--primary .md-nav__link[href]")
    tab.page.focus(menu)
    tab.page.keyboard.press("Enter")
    assert tab.page.get_attribute(menu, "aria-expanded") == "true"
    tab.page.wait_for_timeout(300)  # the drawer slides in
    box = focused(tab)
    assert "md-nav__link" in box["name"] or box["name"].startswith("A "), box
    assert on_screen(box, **PHONE) and box["ring"], box
    tab.page.keyboard.press("Escape")
    assert tab.page.get_attribute(menu, "aria-expanded") == "false"
    assert tab.page.evaluate("document.activeElement.dataset.relaisToggle") == "__drawer"


@pytest.mark.parametrize("width", [390, 1280])
def test_language_menu_is_a_keyboard_disclosure(tab, width):
    tab.open("fr/guides/prepare/", width=width)
    button = ".relais-languages__button"
    assert tab.page.get_attribute(button, "aria-expanded") == "false"
    assert not tab.page.is_visible(".md-select__link[hreflang=en]")
    tab.page.focus(button)
    assert not tab.page.is_visible(".md-select__link[hreflang=en]")  # focus alone does not open it
    tab.page.keyboard.press("Enter")
    assert tab.page.get_attribute(button, "aria-expanded") == "true"
    assert tab.page.evaluate("document.activeElement.getAttribute('hreflang')") == "fr"  # the current language
    tab.page.keyboard.press("ArrowDown")
    assert tab.page.evaluate("document.activeElement.getAttribute('hreflang')") == "en"
    box = focused(tab)
    assert on_screen(box, width, 800) and box["ring"], box
    tab.page.keyboard.press("Escape")
    assert tab.page.get_attribute(button, "aria-expanded") == "false"
    assert tab.page.evaluate("document.activeElement.classList.contains('relais-languages__button')")
    tab.page.keyboard.press("Enter")
    tab.page.keyboard.press("ArrowDown")
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")  # follows the link
    assert tab.page.url.endswith("/en/guides/prepare/")


@pytest.mark.parametrize(("path", "arabic"), [("fr/", False), ("fr/guides/prepare/", False), ("en/", False),
                                              ("en/case-studies/boston-2013/", False), ("ar/", True)])
def test_fonts_load_only_for_the_scripts_a_page_uses(tab, path, arabic):
    """The Arabic font (29 KB) is for Arabic pages: the language menu's "العربية" elsewhere takes the
    system's font, even once the menu is open."""
    tab.open(path, **PHONE)
    tab.page.click(".relais-languages__button")
    tab.page.wait_for_load_state("networkidle")
    fonts = [url.rsplit("/", 1)[-1] for url in tab.requests if url.endswith(".woff2")]
    assert any(name.startswith("atkinson-hyperlegible-400") for name in fonts), fonts
    assert any(name.startswith("noto-sans-arabic") for name in fonts) == arabic, fonts
    assert tab.page.is_visible(".md-select__link[hreflang=ar]")


# The download panel as a reader sees it: each entry's own line (its label and links, not its sub-entries).
DOWNLOAD_ENTRIES = """() => [...document.querySelectorAll('.relais-downloads li')].map((li) => {
  const own = li.cloneNode(true);
  own.querySelectorAll('ul, .relais-sr-only').forEach((e) => e.remove());
  return own.textContent.replace(/\\s+/g, ' ').trim();
})"""


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_downloads_list_each_size_once_and_what_each_slide_holds(tab, lang):
    """On a phone: one entry a size with its PNG and SVG, a carousel's slides one entry each ("1/2 – ..."), the
    sizes read left to right in Arabic too, and nothing scrolls sideways."""
    tab.open(f"{lang}/guides/act-responsibly/", **PHONE)
    entries = tab.page.evaluate(DOWNLOAD_ENTRIES)
    sizes = [e for e in entries if e.split(" ")[0].replace("×", "").isdigit()]
    assert [e.split(" ")[0] for e in sizes] == ["1080×1080", "1080×1350", "1080×1920", "1200×630", "1200×675"]
    slides = [e for e in entries if e.startswith(("1/2 – ", "2/2 – "))]
    assert len(slides) == 4 and all(" PNG " in e and " SVG " in e for e in slides)
    if lang == "fr":
        assert slides[0].startswith("1/2 – Relayez les sources officielles, ")
        assert sizes[0].startswith("1080×1080 PNG ") and " · SVG " in sizes[0]
    assert "vectorielle" not in " ".join(entries)
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    if lang == "ar":
        assert all(tab.page.evaluate(READING_ORDER, "1080×1350"))
        tab.page.evaluate("document.querySelectorAll('.relais-downloads span[dir=ltr]')"
                          ".forEach(s => s.removeAttribute('dir'))")
        assert not all(tab.page.evaluate(READING_ORDER, "1080×1350"))  # the guard: without it, "1350×1080"


@pytest.fixture(scope="module")
def edition_server(tmp_path_factory):
    """The tiny kit with the demonstration edition (as tests/test_editions.py builds it), served: the default
    kit's frozen copy has no edition, so its build has no editions page."""
    import functools
    import shutil
    import threading
    from http.server import ThreadingHTTPServer

    from browser.conftest import StaticHost
    from conftest import FIXTURES, TINY, copy_kit

    kit = copy_kit(tmp_path_factory.mktemp("editions"), TINY)
    shutil.copytree(FIXTURES / "edition" / "content", kit.root / "content", dirs_exist_ok=True)
    result = kit.run("build")
    assert result.returncode == 0, result.stderr
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(StaticHost, directory=str(kit.root / "site")))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def edition_tab(browser, edition_server):
    from browser.conftest import Tab

    tab = Tab(browser, edition_server)
    yield tab
    tab.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_editions_index_is_accessible_and_tabs_in_reading_order(edition_tab, axe, width):
    """axe (best practices too) finds nothing; every tab stop is on screen with its ring, in reading order:
    the national site, then each edition's name and its languages; a language link, the same word for every
    edition ("Français"), says which edition it opens."""
    assert problems_on(edition_tab, axe, "editions/", width) == []
    page = edition_tab.page
    stops = []
    for _ in range(4):
        page.keyboard.press("Tab")
        box = focused(edition_tab)
        assert on_screen(box, width, 800) and box["ring"], box
        stops.append(page.evaluate("[document.activeElement.textContent.trim(), "
                                   "document.activeElement.getAttribute('href')]"))
    assert stops == [["Relais #SMEM", "../"], ["Relais #SMEM – Préfecture de démonstration", "demonstration/"],
                     ["Français", "demonstration/fr/"], ["العربية", "demonstration/ar/"]]
    described = page.evaluate("""[...document.querySelectorAll('.languages a')].map((a) =>
        document.getElementById(a.getAttribute('aria-describedby')).textContent.trim())""")
    assert described == ["Relais #SMEM – Préfecture de démonstration"] * 2
    # Each language's heading wraps as a whole at 390 px: "الطبعات المحلية" on one line, not split.
    lines = page.evaluate("[...document.querySelectorAll('h1 > span')].map((s) => s.getClientRects().length)")
    assert lines == [1, 1]

"""The pages in a real browser: Playwright driving Debian's Chromium.

Skipped, with the reason, where Chromium (``/usr/bin/chromium``) or Playwright
is missing; ``DOSSIER_REQUIRE_BROWSER=1`` (set by ``.ci/run``) turns the skip
into a failure.  ``DOSSIER_SCREENSHOTS=1`` writes the screenshots into
``docs/screenshots/`` (otherwise into the test's temporary folder).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from _webstore import REPO, build_demo, build_xss, live_server

pytestmark = [pytest.mark.browser, pytest.mark.model]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


#: The key of an event record about the given equipment in an article page's records, if any.
FIND_EVENT = """(name) => {
  const r = JSON.parse(document.getElementById('records').textContent);
  return Object.keys(r).find(k => r[k].type === 'event' && (r[k].equipment || []).includes(name));
}"""

#: What injected markup would leave behind in the page.
PAGE_STATE = """() => ({
  xss: window.__xss === undefined ? null : window.__xss,
  inline: document.querySelectorAll('script:not([src]):not([type="application/json"])').length,
  handlers: [...document.querySelectorAll('*')]
    .filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
  jsLinks: document.querySelectorAll('[href^="javascript:" i], [src^="javascript:" i]').length,
  frames: document.querySelectorAll('iframe, object, embed').length,
})"""


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -r requirements-dev.lock)"
    if not CHROMIUM.exists():
        return f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    problem = _missing()
    if problem:
        if os.environ.get("DOSSIER_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{problem}; DOSSIER_REQUIRE_BROWSER=1 demands the browser tests")
        pytest.skip(f"browser tests skipped: {problem}; CI runs them")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    if os.environ.get("DOSSIER_SCREENSHOTS") == "1":
        folder = REPO / "docs" / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return tmp_path


def _watch(page: Any, base: str) -> dict[str, list[str]]:
    """Record what a page does that it must not: requests off the server, dialogs, CSP violations."""
    seen: dict[str, list[str]] = {"offsite": [], "dialogs": [], "csp": []}
    page.on("request", lambda r: None if r.url.startswith(base) else seen["offsite"].append(r.url))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on(
        "console",
        lambda m: seen["csp"].append(m.text) if "Content Security Policy" in m.text else None,
    )
    return seen


def test_click_through_search_article_event_timeline_entity(
    browser: Any, tmp_path_factory: pytest.TempPathFactory, shots: Path
) -> None:
    url = build_demo(tmp_path_factory.mktemp("browser") / "demo.db")
    with live_server(url) as base:
        page = browser.new_page(viewport={"width": 1360, "height": 900})
        seen = _watch(page, base)
        page.goto(base + "/")
        assert page.locator("[data-testid=stats]").is_visible()
        # search from the header box
        page.fill("header input[name=q]", "Oreshnik")
        page.press("header input[name=q]", "Enter")
        page.wait_for_url("**/search?q=Oreshnik")
        hits = page.locator("[data-testid=hit]")
        assert hits.count() >= 5
        assert page.locator(".snippet mark").first.inner_text().casefold() == "oreshnik"
        assert page.locator("[data-testid=facets]").get_by_text("Language").is_visible()
        page.screenshot(path=str(shots / "search.png"), full_page=True)
        # open articles until one has an event about Oreshnik; click it in the text
        key = None
        for i in range(hits.count()):
            hits.nth(i).locator("a.title").click()
            page.wait_for_selector("[data-testid=article-title]")
            key = page.evaluate(FIND_EVENT, "Oreshnik")
            if key:
                break
            page.go_back()
        assert key, "no search hit has an Oreshnik event"
        page.locator(f'[data-keys~="{key}"]').first.click()
        panel = page.locator("[data-testid=record-panel]")
        assert "Oreshnik" in panel.inner_text()
        page.screenshot(path=str(shots / "article.png"), full_page=False)
        panel.locator("[data-testid=open-event]").click()
        # the event, its sentence and its sources
        page.wait_for_selector("[data-testid=event-title]")
        sentence = page.locator("[data-testid=event-sentence]").inner_text()
        assert "Oreshnik" in sentence or "Орешник" in sentence
        page.locator("a:text-is('Oreshnik') + [data-testid=entity-timeline]").click()
        # the timeline: chart drawn, lifecycle, sources per event
        page.wait_for_selector("[data-testid=timeline-title]")
        assert "Oreshnik" in page.locator("[data-testid=timeline-title]").inner_text()
        page.wait_for_selector("#chart .main-svg")
        entries = page.locator("[data-testid=timeline-entry]")
        assert entries.count() >= 5
        assert "combat duty" in page.locator(".status").inner_text()
        first = entries.first
        first.locator("summary").click()
        assert "independent" in first.locator("summary").inner_text()
        assert first.locator("ul.sources q").first.inner_text().strip()
        page.screenshot(path=str(shots / "timeline.png"), full_page=True)
        # each event opens its provenance, down to the sentence in its article
        first.locator("[data-testid=event-link]").click()
        page.wait_for_selector("[data-testid=event-title]")
        page.locator("a.prov", has_text="open the sentence").click()
        page.wait_for_selector("#hl")
        assert page.locator("#hl").inner_text().strip()
        page.go_back()
        page.go_back()
        page.wait_for_selector("[data-testid=timeline-title]")
        page.locator("[data-testid=timeline-title] a").click()
        # the entity: names in both scripts, attention chart
        page.wait_for_selector("[data-testid=entity-name]")
        assert "Oreshnik" in page.locator("[data-testid=entity-name]").inner_text()
        assert page.get_by_text("Орешник").first.is_visible()
        page.wait_for_selector("#chart .main-svg")
        page.screenshot(path=str(shots / "entity.png"), full_page=True)
        # the page's API call answers
        api = page.locator("[data-testid=api-link]").get_attribute("href")
        assert api and page.request.get(base + api).ok
        assert seen == {"offsite": [], "dialogs": [], "csp": []}


def test_docs_work_offline(browser: Any, tmp_path: Path) -> None:
    url = build_demo(tmp_path / "docs.db")
    with live_server(url) as base:
        page = browser.new_page()
        seen = _watch(page, base)
        page.goto(base + "/docs")
        page.wait_for_selector(".swagger-ui .opblock", timeout=20000)
        assert page.locator(".opblock-summary-path", has_text="/api/timeline").count() >= 1
        assert seen["offsite"] == [] and seen["dialogs"] == []


def test_xss_corpus_never_runs(browser: Any, tmp_path: Path) -> None:
    url = build_xss(tmp_path)
    with live_server(url) as base:
        page = browser.new_page()
        seen = _watch(page, base)
        import json
        import urllib.request

        def api(path: str) -> Any:
            with urllib.request.urlopen(base + path) as r:
                return json.loads(r.read())

        entities = [e["id"] for e in api("/api/entities?limit=30")["items"]]
        articles = [a["id"] for a in api("/api/articles?limit=30")["items"]]
        events = [e["id"] for e in api("/api/events?limit=10")["items"]]
        pages = ["/", "/search?q=Oreshnik", "/articles", "/entities", "/events", "/quotes", "/stories"]
        pages += ["/contradictions"]
        pages += [f"/articles/{i}" for i in articles] + [f"/entities/{i}" for i in entities]
        pages += [f"/timeline/{i}" for i in entities[:6]] + [f"/events/{i}" for i in events]
        for path in pages:
            page.goto(base + path)
            for node in [n for n in page.locator("[data-keys]").all()[:40] if n.is_visible()][:25]:
                node.click()
            for node in [n for n in page.locator("mark, q, td, .alias, a").all()[:60] if n.is_visible()][:25]:
                node.hover()
            state = page.evaluate(PAGE_STATE)
            assert state == {"xss": None, "inline": 0, "handlers": 0, "jsLinks": 0, "frames": 0}, (path, state)
        assert seen["dialogs"] == [], seen["dialogs"]
        assert seen["offsite"] == [], seen["offsite"]

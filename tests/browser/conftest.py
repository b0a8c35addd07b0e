"""Browser fixtures: Debian's chromium driven by Playwright, and built sites served on 127.0.0.1.

Two catalogues: the real one, and 1,000 synthetic practices (micic/synthetic.py) built
into a temporary folder, so that the budgets hold as the catalogue grows. The tests skip,
saying why, only when no chromium can be found; a missing axe-core fails (run `npm ci`).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, mkdocs_build

from micic import synthetic

SYNTHETIC_PRACTICES = 1000
# The large site's search is split into bundles of this many practices (three, merged by the
# search box), as a catalogue larger than search.PRACTICES_PER_BUNDLE is.
PRACTICES_PER_SEARCH_BUNDLE = 400
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def chromium_path() -> str | None:
    """Debian's chromium here and in .ci/run; Google Chrome on GitHub's ubuntu runners."""
    names = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
    for candidate in ("/usr/bin/chromium", *(shutil.which(name) for name in names)):
        if candidate and Path(candidate).exists():
            return candidate
    return None


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@dataclass(frozen=True)
class Served:
    """A built site served over HTTP on the loopback address."""

    site: Path
    base: str  # http://127.0.0.1:PORT/

    @property
    def host(self) -> str:
        return urlsplit(self.base).netloc


@functools.cache
def _serve(site: Path) -> Served:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return Served(site, f"http://127.0.0.1:{server.server_address[1]}/")


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        pytest.skip("no chromium found: install Debian's chromium (apt-get install chromium) to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def real(real_site: Path) -> Served:
    return _serve(real_site)


@pytest.fixture(scope="session")
def synthetic_site(tmp_path_factory) -> Path:
    """1,000 synthetic practices and the real consultations, built once per session, searched
    in three bundles."""
    repo = synthetic.write_catalogue(tmp_path_factory.mktemp("synthetic") / "repo", SYNTHETIC_PRACTICES)
    with (repo / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"\nextra:\n  search_practices_per_bundle: {PRACTICES_PER_SEARCH_BUNDLE}\n")
    site = repo / "site"
    result = mkdocs_build(repo, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


@pytest.fixture(scope="session")
def large(synthetic_site: Path) -> Served:
    return _serve(synthetic_site)


@dataclass
class Traffic:
    """Every request a page made, and the gzip size of every response body."""

    served: Served
    urls: list[str] = field(default_factory=list)
    gzip_bytes: dict[str, int] = field(default_factory=dict)

    def record(self, request) -> None:
        self.urls.append(request.url)

    def measure(self, response) -> None:
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            body = b""
        self.gzip_bytes[response.url] = self.gzip_bytes.get(response.url, 0) + len(gzip.compress(body, 6))

    @property
    def transferred(self) -> int:
        return sum(self.gzip_bytes.values())

    @property
    def foreign(self) -> list[str]:
        """Requests to any host but the site's own (data: URLs are not requests)."""
        return [u for u in self.urls if not u.startswith("data:") and urlsplit(u).netloc != self.served.host]

    def paths(self, prefix: str = "") -> list[str]:
        own = (urlsplit(u).path for u in self.urls if urlsplit(u).netloc == self.served.host)
        return [p for p in own if p.startswith(prefix)]


@pytest.fixture
def visit(browser):
    """visit(served, url) → (page, traffic): a first view, in a fresh context with an empty
    cache, recording every request until the network is idle."""
    contexts = []

    def _visit(served: Served, url: str):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        traffic = Traffic(served)
        page.on("request", traffic.record)
        page.on("response", traffic.measure)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(served.base + url)
        page.wait_for_load_state("networkidle")
        page.errors = errors
        return page, traffic

    yield _visit
    for context in contexts:
        context.close()


def axe_violations(page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """axe-core's violations of the given impacts on the page as it is now."""
    assert AXE.exists(), f"{AXE.relative_to(ROOT)} is missing: run `npm ci` (make test does)"
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def tab_to(page, selector: str, limit: int = 200) -> None:
    """Press Tab until the focused element matches selector, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")

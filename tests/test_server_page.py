"""The query page in a real browser: it runs a named query offline and never renders results as HTML."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import sync_playwright
from test_query import PLACES, write_sample

from kg.query.server import SparqlServer, make_server

HOSTILE = '<img src=x onerror="document.title=\'pwned\'">'


def _chromium() -> str | None:
    """The system Chromium when there is one (else Playwright's own download)."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlServer]:
    out = write_sample(tmp_path_factory.mktemp("page") / "out")
    queries = tmp_path_factory.mktemp("queries")
    (queries / "places.rq").write_text("# title: 地方 / Places\n" + PLACES, encoding="utf-8")
    srv = make_server(out, timeout=5, queries_dir=queries, quiet=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def test_page_runs_named_query_and_escapes_values(server: SparqlServer) -> None:
    outside: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.on("request", lambda r: None if r.url.startswith(server.url) else outside.append(r.url))
            page.goto(server.url)
            page.get_by_role("button", name="地方 / Places").click()
            page.wait_for_selector("#results tbody tr")
            cells = page.locator("#results tbody td").all_text_contents()
            assert cells == ["id:place/990102", "云岭区@zh", "id:place/990100", "青禾市@zh"]
            assert "2 rows" in page.locator("#status").text_content()

            query = 'SELECT ?x WHERE { BIND("' + HOSTILE.replace('"', '\\"') + '" AS ?x) }'
            page.fill("#query", query)
            page.click("#run")
            page.wait_for_selector("#results tbody tr")
            assert page.locator("#results tbody td").all_text_contents() == [HOSTILE]
            assert page.locator("#results img").count() == 0
            assert page.title() != "pwned"

            page.fill("#query", "SELECT * WHERE { ?s ?p ")
            page.click("#run")
            page.wait_for_selector("#error:not([hidden])")
            assert "400" in page.locator("#error").text_content()
            assert "malformed query" in page.locator("#error").text_content()
        finally:
            browser.close()
    assert outside == []

"""Time to interactive of graph.html for synthetic graphs of 500, 5,000 and 20,000 nodes.

    .venv/bin/python benchmarks/view.py [SIZES...]

For each size: build a synthetic graph (kg.view.synthetic), render the page,
open it from a file in headless Chromium and wait for ``window.__ltReady``
(set after the network's first draw, when the search box and panel work).
Prints render time, page size, nodes drawn and the time to interactive
(navigation start → ready, as the page measures it, and wall clock).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from kg.view import render_html
from kg.view.synthetic import synthetic_graph

SIZES = (500, 5_000, 20_000)


def measure(n: int, folder: Path) -> dict:
    """Render a synthetic graph of ``n`` nodes and time it in the browser."""
    from playwright.sync_api import sync_playwright

    from kg.view.browser import launch

    kg = synthetic_graph(n)
    started = time.perf_counter()
    html = render_html(kg)
    render_s = time.perf_counter() - started
    page_path = folder / f"graph_{n}.html"
    page_path.write_text(html, encoding="utf-8")
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        started = time.perf_counter()
        clicked = time.time() * 1000
        page.goto(page_path.as_uri())
        page.wait_for_selector("body[data-ready]", state="attached", timeout=120_000)
        wall_s = time.perf_counter() - started
        ready_ms = page.evaluate("window.__ltReadyAt") - clicked
        shown, total, edges = page.evaluate("[__lt.shownNodes(), __lt.total, __lt.shownEdges()]")
        browser.close()
    return {
        "nodes": n,
        "edges": kg.g.number_of_edges(),
        "render_s": render_s,
        "size_kb": len(html.encode("utf-8")) / 1024,
        "shown": f"{shown}/{total}",
        "edges_shown": edges,
        "ready_s": ready_ms / 1000,
        "wall_s": wall_s,
    }


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or list(SIZES)
    print(f"{'nodes':>7} {'graph edges':>11} {'render s':>9} {'page KB':>8} {'drawn':>12} {'links':>7} "
          f"{'ready s':>8} {'wall s':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            r = measure(n, Path(tmp))
            row = (f"{r['nodes']:>7} {r['edges']:>11} {r['render_s']:>9.2f} {r['size_kb']:>8.0f} "
                   f"{r['shown']:>12} {r['edges_shown']:>7} {r['ready_s']:>8.2f} {r['wall_s']:>7.2f}")
            print(row, flush=True)
    print("ready s: from asking the browser to open the file to the page's first draw with its controls live "
          "(window.__ltReady); wall s adds playwright's polling")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

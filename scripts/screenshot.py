"""Screenshot of a build's graph view: output/graph.html → output/graph.png.

    .venv/bin/python scripts/screenshot.py [OUT_DIR] [--size 1400x900]

Opens OUT_DIR/graph.html (building it from ./seeds first when it is missing)
in headless Chromium, waits until the page has drawn, opens the panel of the
official with a local post and the most mentions (or else the most connected
node) so the picture shows one, and writes OUT_DIR/graph.png.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "output",
                        help="build folder (default: output)")
    parser.add_argument("--size", default="1400x900", help="viewport WIDTHxHEIGHT (default: 1400x900)")
    parser.add_argument("--no-panel", action="store_true", help="do not open a side panel")
    args = parser.parse_args(argv)
    page_path = args.out / "graph.html"
    if not page_path.exists():
        from kg.build import build

        build(ROOT / "seeds", args.out, progress=False)
    width, height = (int(v) for v in args.size.lower().split("x"))

    from playwright.sync_api import sync_playwright

    from kg.view.browser import launch

    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
        page.goto(page_path.resolve().as_uri())
        page.wait_for_selector("body[data-ready]", state="attached", timeout=60_000)
        if not args.no_panel:
            page.evaluate(
                """() => {
                  const data = JSON.parse(document.getElementById('lt-data').textContent);
                  let best = -1, bestScore = -1;
                  data.nodes.forEach((n, i) => {
                    const local = (n.p || []).some((p) => p.indexOf(' @ ') > 0);
                    const score = (n.k === 'Official' ? 1e6 : 0) + (local ? 1e5 : 0)
                      + (n.m ? n.m.length * 100 : 0) + n.d;
                    if (score > bestScore) { best = i; bestScore = score; }
                  });
                  if (best >= 0) {
                    const input = document.getElementById('lt-search');
                    input.value = data.nodes[best].l;
                    input.dispatchEvent(new Event('input'));
                    input.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'}));
                  }
                }"""
            )
            page.wait_for_timeout(600)
        target = args.out / "graph.png"
        page.screenshot(path=str(target))
        browser.close()
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The self-contained page: template + vendored vis-network + the graph as JSON.

Why a template of our own rather than pyvis's: pyvis's page loads vis-network
and bootstrap from CDNs (even in ``in_line`` mode) and switches its tooltips
to ``innerHTML`` when a title contains "href". Here everything is inline, the
graph travels as JSON inside ``<script type="application/json">`` (read with
``JSON.parse(textContent)``), the page's scripts put text in the DOM only
through ``textContent``, and a Content-Security-Policy with the hashes of the
page's own two scripts refuses anything else: no network, no injected script,
no inline event handler.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import cache
from importlib.resources import files

from kg.graph import KnowledgeGraph
from kg.view.model import build_view

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: object) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no "<", ">"
    or "&" (so no ``</script>`` or ``<!--``) and no U+2028/2029, escaped as \\uXXXX
    (JSON structure never uses these characters, only strings do)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


@cache
def _asset(name: str) -> str:
    text = (files("kg.view") / name).read_text(encoding="utf-8")
    if name.endswith(".js") and re.search(r"</script|<!--", text, re.IGNORECASE):
        raise ValueError(f"kg/view/{name} contains '</script' or '<!--' and cannot be inlined")
    return text


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def render_html(kg: KnowledgeGraph) -> str:
    """The whole page for ``kg``: opens from a file, with no network.

    Deterministic: the same graph gives the same bytes. Cost: the layout
    (see kg.view.layout) plus O(nodes + edges).
    """
    return render_data(build_view(kg))


def render_data(view: dict) -> str:
    """The page for view data from ``kg.view.model.build_view``."""
    vis = _asset("static/vis-network.min.js")
    app = _asset("static/view.js")
    # the template puts each script between two newlines: that is what the browser hashes
    csp = (
        "default-src 'none'; "
        f"script-src {_hash(chr(10) + vis + chr(10))} {_hash(chr(10) + app + chr(10))}; "
        "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
        "connect-src 'none'; base-uri 'none'; form-action 'none'"
    )
    parts = {
        "CSP": csp,
        "CSS": _asset("static/view.css"),
        "DATA": script_json(view),
        "VIS": vis,
        "APP": app,
    }
    return re.sub(r"@@(CSP|CSS|DATA|VIS|APP)@@", lambda m: parts[m.group(1)], _asset("page.html"))

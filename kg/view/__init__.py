"""The interactive HTML view of a graph (``graph.html``).

``render_html(kg)`` returns one self-contained page: vis-network and the
page's own script and style are inlined, the graph is embedded as JSON, and
nothing is fetched at run time. ``kg.view.model`` decides what is drawn,
``kg.view.layout`` where, ``kg.view.html`` how it becomes a safe page.
"""

from kg.view.html import render_html

__all__ = ["render_html"]

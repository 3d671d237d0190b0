"""The named queries' focus: ask one of ontology/queries/*.rq about a chosen thing.

Each named query is about one place (or, for mention_provenance, one thing)
and picks a default when run as written: a block that starts with a line
``{  # default focus`` and ends with ``}  # end of default focus``. Replacing
that block with ``VALUES ?focusLabel { "NAME"@zh }`` asks about NAME instead;
this module does the replacement, so the benchmark, the tests and callers do
it the same way a person editing the query would.
"""

from __future__ import annotations

import re

from kg.errors import QueryError

_DEFAULT_BLOCK = re.compile(
    r"^([ \t]*)\{[ \t]*# default focus\b.*?^[ \t]*\}[ \t]*# end of default focus[^\n]*$",
    re.MULTILINE | re.DOTALL,
)


def has_focus(query: str) -> bool:
    """Whether ``query`` has a default-focus block that ``with_focus`` can replace."""
    return _DEFAULT_BLOCK.search(query) is not None


def with_focus(query: str, label: str, lang: str = "zh") -> str:
    """``query`` asking about the thing labelled ``label`` instead of its default.

    The label is matched exactly, as an ``rdfs:label`` with language tag
    ``lang`` (the graph's labels are Chinese, ``@zh``).
    """
    if not label.strip():
        raise QueryError("the focus is empty; give the name of a place (or, for "
                         "mention_provenance, of any entity) as it is labelled in the graph")
    escaped = (label.replace("\\", "\\\\").replace('"', '\\"')
               .replace("\n", "\\n").replace("\r", "\\r"))
    values = f'VALUES ?focusLabel {{ "{escaped}"@{lang} }}'
    replaced, count = _DEFAULT_BLOCK.subn(lambda m: m.group(1) + values, query, count=1)
    if count == 0:
        raise QueryError("this query has no default focus block ('{  # default focus' … "
                         "'}  # end of default focus') to replace; only the named queries "
                         "in ontology/queries take a focus")
    return replaced

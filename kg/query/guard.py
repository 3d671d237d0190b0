"""What a query may not do, decided before anything is evaluated.

The engine is read-only and offline. Oxigraph itself never fetches anything,
but a query that names a remote service, asks to LOAD a document or reads a
FROM graph that is not in the store is a sign of a client expecting a
different kind of endpoint; it is refused with a message that says why,
rather than answered with silently empty results.

The check reads the query with a tokenizer that knows SPARQL's lexical
grammar (strings, IRIs, comments, variables, prefixed names, language tags),
so a keyword counts only where it is a keyword: ``SELECT ("SERVICE" AS ?x)``,
``?service`` and ``ex:service`` are allowed; ``service <http://…>`` in any
case is refused. SPARQL 1.1 lets ``\\uXXXX`` escapes stand anywhere in a
query; engines differ on whether they apply outside strings, so the check
runs on the text as written and on the text with escapes applied, and refuses
when either reading is forbidden. Cost: linear in the query's length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from kg.errors import QueryForbidden

QUERY_FORMS = frozenset({"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"})
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)

_WS = re.compile(r"\s+")
_COMMENT = re.compile(r"#[^\n\r]*")
# IRIREF: no whitespace and none of <>"{}|^`\ inside (escapes are allowed).
_IRIREF = re.compile(r"<((?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*)>")
_LONG_STRING = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*(?:'''|$)|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*(?:\"\"\"|$)", re.S
)
_STRING = re.compile(r"'(?:[^'\\\n\r]|\\.)*(?:'|$)|\"(?:[^\"\\\n\r]|\\.)*(?:\"|$)", re.M)
_VAR = re.compile(r"[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]*")
_BNODE = re.compile(r"_:[\w\-.\u00B7\u00C0-\U000EFFFF]*")
_LANGTAG = re.compile(r"@[A-Za-z]+(?:-[A-Za-z0-9]+)*")
_PN_CHARS = r"[\w\-\u00B7\u00C0-\U000EFFFF]"
_PNAME = re.compile(
    rf"(?:[A-Za-z\u00C0-\U000EFFFF](?:{_PN_CHARS}|\.(?={_PN_CHARS}))*)?:"
    rf"(?:(?:{_PN_CHARS}|:|%[0-9A-Fa-f]{{2}}|\\[-_~.!$&'()*+,;=/?#@%])"
    rf"(?:{_PN_CHARS}|:|%[0-9A-Fa-f]{{2}}|\\[-_~.!$&'()*+,;=/?#@%]|\.(?={_PN_CHARS}|:))*)?"
)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMBER = re.compile(r"[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?")
_UESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@dataclass(frozen=True)
class Token:
    """One lexical token: ``kind`` is iri, string, var, bnode, lang, pname, word, num or punct."""

    kind: str
    text: str


@dataclass
class QueryInfo:
    """What the guard learnt about an allowed query."""

    form: str | None  # SELECT, CONSTRUCT, DESCRIBE, ASK; None when the text is not a query
    from_graphs: list[str] = field(default_factory=list)
    from_named_graphs: list[str] = field(default_factory=list)

    @property
    def is_graph_result(self) -> bool:
        return self.form in {"CONSTRUCT", "DESCRIBE"}


def tokenize(text: str) -> list[Token]:
    """Split SPARQL text into tokens, dropping whitespace and comments.

    Unterminated strings run to the end of the text (the parser reports them).
    """
    tokens: list[Token] = []
    pos, n = 0, len(text)
    while pos < n:
        ch = text[pos]
        m = _WS.match(text, pos)
        if m:
            pos = m.end()
            continue
        if ch == "#":
            pos = _COMMENT.match(text, pos).end()
            continue
        if ch == "<":
            m = _IRIREF.match(text, pos)
            if m:
                tokens.append(Token("iri", m.group(1)))
                pos = m.end()
                continue
        if ch in "'\"":
            m = _LONG_STRING.match(text, pos) or _STRING.match(text, pos)
            end = m.end() if m else n
            tokens.append(Token("string", text[pos:end]))
            pos = end
            continue
        if ch in "?$":
            m = _VAR.match(text, pos)
            tokens.append(Token("var", m.group(0)))
            pos = m.end()
            continue
        if ch == "@":
            m = _LANGTAG.match(text, pos)
            if m:
                tokens.append(Token("lang", m.group(0)))
                pos = m.end()
                continue
        if text.startswith("_:", pos):
            m = _BNODE.match(text, pos)
            tokens.append(Token("bnode", m.group(0)))
            pos = m.end()
            continue
        m = _PNAME.match(text, pos)
        if m and ":" in m.group(0):
            tokens.append(Token("pname", m.group(0)))
            pos = m.end()
            continue
        m = _WORD.match(text, pos)
        if m:
            tokens.append(Token("word", m.group(0)))
            pos = m.end()
            continue
        m = _NUMBER.match(text, pos)
        if m and m.end() > pos:
            tokens.append(Token("num", m.group(0)))
            pos = m.end()
            continue
        tokens.append(Token("punct", ch))
        pos += 1
    return tokens


def _unescape(text: str) -> str:
    return _UESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def _resolve(token: Token, prefixes: dict[str, str], base: str | None) -> str:
    if token.kind == "iri":
        iri = _unescape(token.text)
        return urljoin(base, iri) if base else iri
    prefix, _, local = token.text.partition(":")
    if prefix not in prefixes:
        # An undeclared prefix is a syntax error; the parser will say so.
        return token.text
    return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)


def _inspect(text: str) -> QueryInfo:
    tokens = tokenize(text)
    prefixes: dict[str, str] = {}
    base: str | None = None
    form: str | None = None
    info = QueryInfo(form=None)
    i = 0
    # Prologue: BASE and PREFIX declarations, then the query form.
    while i < len(tokens):
        tok = tokens[i]
        word = tok.text.upper() if tok.kind == "word" else None
        if word == "BASE" and i + 1 < len(tokens) and tokens[i + 1].kind == "iri":
            base = _resolve(tokens[i + 1], prefixes, base)
            i += 2
            continue
        if (word == "PREFIX" and i + 2 < len(tokens) and tokens[i + 1].kind == "pname"
                and tokens[i + 2].kind == "iri"):
            prefixes[tokens[i + 1].text.rstrip(":")] = _resolve(tokens[i + 2], prefixes, base)
            i += 3
            continue
        if word in UPDATE_KEYWORDS:
            raise QueryForbidden(
                f"{word} is a SPARQL Update operation; this endpoint is read-only "
                "(send a SELECT, ASK, CONSTRUCT or DESCRIBE query)"
            )
        if word in QUERY_FORMS:
            form = word
        break
    info.form = form
    for j, tok in enumerate(tokens):
        if tok.kind != "word":
            continue
        word = tok.text.upper()
        if word == "SERVICE":
            target = tokens[j + 1].text if j + 1 < len(tokens) else ""
            raise QueryForbidden(
                f"SERVICE {target} is refused: this endpoint never contacts other services; "
                "query only the graph it serves"
            )
        if word in UPDATE_KEYWORDS:
            raise QueryForbidden(
                f"{word} is a SPARQL Update keyword; this endpoint is read-only"
            )
        if word == "FROM" and j + 1 < len(tokens):
            nxt = tokens[j + 1]
            named = nxt.kind == "word" and nxt.text.upper() == "NAMED"
            target = tokens[j + 2] if named and j + 2 < len(tokens) else nxt
            if target.kind in {"iri", "pname"}:
                iri = _resolve(target, prefixes, base)
                (info.from_named_graphs if named else info.from_graphs).append(iri)
    return info


def check_query(text: str, store_graphs: frozenset[str] = frozenset()) -> QueryInfo:
    """Refuse ``text`` (QueryForbidden) if it would update, reach outside the store,
    or read a FROM/FROM NAMED graph the store does not hold; else describe it.

    ``store_graphs`` are the IRIs of the named graphs in the store.
    """
    info = _inspect(text)
    unescaped = _unescape(text)
    if unescaped != text:
        _inspect(unescaped)
    for iri in info.from_graphs + info.from_named_graphs:
        if iri not in store_graphs:
            raise QueryForbidden(
                f"FROM <{iri}> names a graph that is not in the store; this endpoint never "
                "fetches graphs from elsewhere (drop the FROM clause to query the whole graph)"
            )
    return info

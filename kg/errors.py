"""Lantian's exceptions: one small hierarchy, messages that say how to fix it."""

from __future__ import annotations


class LantianError(Exception):
    """Base class of every error Lantian raises on purpose."""


class InputError(LantianError):
    """An input file cannot be read as an article (binary, empty, undecodable…).

    ``path`` names the file so a build can report it and go on with the rest.
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class CorpusError(LantianError):
    """The corpus folder itself is unusable (missing, not a folder, no articles)."""


class WorkerError(LantianError):
    """A worker process of a parallel build died (killed, out of memory)."""


class DataError(LantianError):
    """A committed data file (gazetteer, lexicon) is missing or malformed."""


class QueryError(LantianError):
    """A SPARQL query is malformed, forbidden, or ran past a limit."""


class QueryForbidden(QueryError):
    """The query asks for something the read-only, offline engine refuses
    (UPDATE, SERVICE, LOAD, FROM/FROM NAMED outside the store)."""


class QueryLimitExceeded(QueryError):
    """The query ran past its time limit or its result-row limit."""


class GraphSourceError(LantianError):
    """A path given as a graph (output folder or graph file) cannot be loaded."""

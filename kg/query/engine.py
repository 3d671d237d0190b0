"""The query engine shared by ``kg query`` and ``kg serve``.

A small pool of worker processes (kg.query.worker), each holding the store
open read-only. A query is checked by the guard, handed to an idle worker,
and waited for until its deadline; a worker that has not answered by then
(plus a short grace) is killed and replaced, so one runaway query costs one
process restart, never a hung server. Cost per query: one pipe round trip
(well under a millisecond) on top of Oxigraph's own time.
"""

from __future__ import annotations

import json
import os
import queue
import select
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from kg.errors import QueryError, QueryForbidden, QueryLimitExceeded
from kg.query.guard import QueryInfo, check_query
from kg.query.store import OpenedStore, resolve_source

GRACE_S = 0.5  # how long past the deadline a worker may take to stop on its own
STARTUP_S = 120.0  # opening a store is fast; this only bounds a wedged start


class TimeLimitExceeded(QueryLimitExceeded):
    """The query ran past its time limit."""


class RowLimitExceeded(QueryLimitExceeded):
    """The query produced more rows (or triples) than the row limit."""


class NotAcceptable(QueryError):
    """The requested result format does not fit the query form."""


@dataclass
class Result:
    """A finished query: its serialized body and what it is."""

    media_type: str
    body: bytes
    rows: int
    form: str | None


class _Worker:
    def __init__(self, store_dir: Path) -> None:
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kg.query.worker", str(store_dir)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, close_fds=True,
        )
        self._fd = self.proc.stdout.fileno()
        self._buf = b""
        self.ready = False
        self.graphs: list[str] = []

    def _read(self, deadline: float) -> bool:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        readable, _, _ = select.select([self._fd], [], [], remaining)
        if not readable:
            return False
        chunk = os.read(self._fd, 1 << 20)
        if not chunk:
            raise QueryError("the query worker exited unexpectedly; see the messages above")
        self._buf += chunk
        return True

    def read_header(self, deadline: float) -> dict | None:
        while b"\n" not in self._buf:
            if not self._read(deadline):
                return None
        line, _, self._buf = self._buf.partition(b"\n")
        return json.loads(line)

    def read_body(self, length: int, deadline: float) -> bytes | None:
        while len(self._buf) < length:
            if not self._read(deadline):
                return None
        body, self._buf = self._buf[:length], self._buf[length:]
        return body

    def wait_ready(self) -> None:
        if self.ready:
            return
        header = self.read_header(time.monotonic() + STARTUP_S)
        if header is None or not header.get("ready"):
            message = header.get("message") if header else "no answer"
            self.kill()
            raise QueryError(f"the query worker could not start: {message}")
        self.graphs = header.get("graphs", [])
        self.ready = True

    def send(self, request: dict) -> None:
        self.proc.stdin.write(json.dumps(request).encode("utf-8") + b"\n")
        self.proc.stdin.flush()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout):
            try:
                pipe.close()
            except OSError:
                pass


class Engine:
    """Read-only SPARQL over a build's store, with a time and a row limit per query.

    ``path`` is an output folder or a graph file. Use as a context manager, or
    call ``close`` (it stops the workers and removes a temporary store).
    """

    def __init__(self, path: Path, *, workers: int = 1, timeout: float = 30.0,
                 max_rows: int = 100_000) -> None:
        self.timeout = timeout
        self.max_rows = max_rows
        self._store = OpenedStore(resolve_source(Path(path)))
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        try:
            first = self._spawn()
            first.wait_ready()
            self.graphs = frozenset(first.graphs)
            self._idle.put(first)
            for _ in range(max(0, workers - 1)):
                self._idle.put(self._spawn())
        except BaseException:
            self.close()
            raise

    def _spawn(self) -> _Worker:
        worker = _Worker(self._store.path)
        with self._lock:
            self._all.add(worker)
        return worker

    def _discard(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)
            closed = self._closed
        if not closed:
            self._idle.put(self._spawn())

    def check(self, query: str) -> QueryInfo:
        """The guard's verdict on ``query`` (raises QueryForbidden)."""
        return check_query(query, self.graphs)

    def execute(self, query: str, *, media: str = "application/sparql-results+json",
                info: QueryInfo | None = None, default_graph: list[str] | None = None,
                named_graphs: list[str] | None = None, timeout: float | None = None,
                max_rows: int | None = None) -> Result:
        """Evaluate ``query`` and serialize its results as ``media``.

        ``media`` is a SPARQL results media type, an RDF media type (for
        CONSTRUCT/DESCRIBE), or ``"table"`` for the text table.
        """
        if self._closed:
            raise QueryError("the query engine is closed")
        info = info or self.check(query)
        for iri in (default_graph or []) + (named_graphs or []):
            if iri not in self.graphs:
                raise QueryForbidden(f"graph <{iri}> is not in the store; this endpoint never fetches "
                                     "graphs from elsewhere")
        timeout = self.timeout if timeout is None else timeout
        max_rows = self.max_rows if max_rows is None else max_rows
        started = time.monotonic()
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise TimeLimitExceeded(
                f"every query worker stayed busy for {timeout:g} s; try again later"
            ) from None
        try:
            worker.wait_ready()
        except QueryError:
            self._discard(worker)
            raise
        remaining = max(0.001, timeout - (time.monotonic() - started))
        request = {"query": query, "media": media, "timeout": remaining, "max_rows": max_rows,
                   "default_graph": default_graph, "named_graphs": named_graphs}
        deadline = time.monotonic() + remaining + GRACE_S
        try:
            worker.send(request)
            header = worker.read_header(deadline)
            body = b""
            if header is not None and header.get("ok"):
                body = worker.read_body(header["length"], deadline)
                if body is None:
                    header = None
        except (OSError, QueryError, ValueError):
            self._discard(worker)
            raise
        if header is None:
            self._discard(worker)
            raise TimeLimitExceeded(
                f"the query ran past its {timeout:g} s time limit and was stopped; "
                "add LIMIT or narrow the pattern, or raise the time limit"
            )
        self._idle.put(worker)
        if not header["ok"]:
            error, message = header.get("error"), header.get("message", "")
            raise {"time": TimeLimitExceeded, "rows": RowLimitExceeded, "accept": NotAcceptable,
                   "syntax": QueryError}.get(error, QueryError)(message)
        return Result(header["media"], body, header["rows"], info.form)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()
        self._store.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

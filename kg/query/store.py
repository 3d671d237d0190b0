"""The Oxigraph store of a build, persisted next to graph.ttl.

``kg build`` writes ``OUT_DIR/store/`` (a RocksDB folder) once, so ``kg
serve`` and ``kg query`` open it read-only in well under a second instead of
reparsing Turtle on every start; several readers can share it. A store is
trusted only while it still matches graph.ttl (a marker file records the
Turtle's size and the store is newer); otherwise the graph file is loaded
into a temporary store that is removed when the engine closes.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import GraphSourceError

MARKER = "lantian-store.json"
GRAPH_FILE = "graph.ttl"
STORE_DIR = "store"


def _rdf_format(path: Path) -> ox.RdfFormat:
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower() or "ttl")
    if fmt is None:
        raise GraphSourceError(
            f"{path}: unknown RDF file type {path.suffix!r}; give a .ttl, .nt, .nq, .trig or .jsonld file"
        )
    return fmt


def _load(store: ox.Store, graph: Path) -> None:
    try:
        store.bulk_load(path=str(graph), format=_rdf_format(graph))
    except SyntaxError as exc:
        raise GraphSourceError(f"{graph} is not valid RDF ({exc}); rebuild it with 'kg build'") from exc
    except OSError as exc:
        raise GraphSourceError(f"cannot read {graph}: {exc}") from exc


def build_store(ttl: Path, store_dir: Path) -> None:
    """Persist the graph in ``ttl`` as an Oxigraph store in the new folder ``store_dir``.

    Triples go into the store's default graph. Cost: one streaming parse of
    the Turtle (about a second per million triples) and its size again on disk.
    """
    store_dir.mkdir(parents=True)
    store = ox.Store(str(store_dir))
    _load(store, ttl)
    store.flush()
    count = len(store)
    del store  # closes RocksDB before the build moves the folder
    marker = {"source": ttl.name, "source_size": ttl.stat().st_size, "triples": count}
    (store_dir / MARKER).write_text(json.dumps(marker) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class GraphSource:
    """Where a graph lives: its RDF file and/or a persisted store."""

    graph_file: Path | None
    store_dir: Path | None


def _fresh(store_dir: Path, graph_file: Path | None) -> bool:
    marker = store_dir / MARKER
    if not marker.is_file():
        return False
    if graph_file is None:
        return True
    try:
        info = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    stat = graph_file.stat()
    return info.get("source_size") == stat.st_size and marker.stat().st_mtime >= stat.st_mtime


def resolve_source(path: Path) -> GraphSource:
    """Find the graph of ``path`` (an output folder, graph.ttl, or any RDF file).

    The persisted store is used only when it is at least as new as the graph file.
    """
    path = Path(path)
    if not path.exists():
        raise GraphSourceError(f"{path} does not exist; give a build's output folder or a graph file")
    if path.is_dir():
        graph_file = path / GRAPH_FILE
        store_dir = path / STORE_DIR
        if not graph_file.is_file() and not (store_dir / MARKER).is_file():
            raise GraphSourceError(
                f"{path} holds no {GRAPH_FILE} or {STORE_DIR}/; run 'kg build CORPUS -o {path}' first"
            )
        graph = graph_file if graph_file.is_file() else None
    else:
        graph, store_dir = path, path.parent / STORE_DIR
    if store_dir.is_dir() and _fresh(store_dir, graph):
        try:
            info = json.loads((store_dir / MARKER).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            info = {}
        if graph is None or info.get("source") == graph.name:
            return GraphSource(graph, store_dir)
    return GraphSource(graph, None)


class OpenedStore:
    """A store folder ready for read-only workers; a temporary one is removed by ``close``."""

    def __init__(self, source: GraphSource) -> None:
        self.temporary = source.store_dir is None
        if source.store_dir is not None:
            self.path = source.store_dir
            return
        assert source.graph_file is not None
        self.path = Path(tempfile.mkdtemp(prefix="lantian-store-"))
        try:
            store = ox.Store(str(self.path / "db"))
            _load(store, source.graph_file)
            store.flush()
            del store
            self.path = self.path / "db"
        except BaseException:
            shutil.rmtree(self.path, ignore_errors=True)
            raise

    def close(self) -> None:
        if self.temporary:
            shutil.rmtree(self.path.parent, ignore_errors=True)

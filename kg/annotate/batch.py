"""Annotate many articles, on several processes when that pays.

Annotation (jieba segmentation and our five components) is three quarters of a
build's time and each article is independent, so a large corpus is annotated
by a pool of worker processes while this process resolves the results in
corpus order. Resolution stays in one process: it merges entities across
articles, and corpus order keeps the graph byte-identical whatever the number
of workers.

Workers send back only the records (:class:`~kg.annotate.records.Annotations`,
small frozen dataclasses), never the spaCy Doc. On Linux the workers are
forked after the pipeline is loaded, so they start at once; where processes
are spawned instead (macOS, Windows) each worker loads the pipeline itself
(about two seconds), which is why small corpora stay in one process.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from kg.annotate.records import Annotations
from kg.errors import WorkerError

# Below this many characters a pool costs more than it saves (worker start-up,
# and on spawn platforms a pipeline load per worker).
MIN_PARALLEL_CHARS = 50_000
# Articles handed to a worker at a time: large enough to keep the queue cheap,
# small enough that the progress bar moves and the workers finish together.
CHUNK = 4
MAX_AUTO_JOBS = 8


@dataclass(frozen=True)
class Failure:
    """An article the extractor failed on (a bug to report, not bad input)."""

    error: str


CPU_MAX = Path("/sys/fs/cgroup/cpu.max")  # a container's CPU quota (cgroup v2)


def available_cpus() -> int:
    """CPUs this process may use: the affinity mask where the OS has one, and
    no more than a container's CPU quota (docker --cpus=1 leaves every CPU
    visible but allows one's worth of time)."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        n = os.cpu_count() or 1
    quota = _cgroup_quota(CPU_MAX)
    return max(1, min(n, quota)) if quota else n


def _cgroup_quota(path: Path) -> int | None:
    """Whole CPUs allowed by a cgroup v2 ``cpu.max`` ("200000 100000" → 2);
    None when there is no file or no limit ("max 100000")."""
    try:
        quota, period = path.read_text(encoding="ascii").split()[:2]
        return max(1, int(quota) // int(period)) if quota != "max" else None
    except (OSError, ValueError):
        return None


def choose_jobs(jobs: int, texts: Sequence[str]) -> int:
    """The number of processes to annotate ``texts`` with.

    ``jobs`` ≥ 1 is taken as given (capped by the number of articles); 0 means
    automatic: one per available CPU (at most 8) when the corpus is large
    enough to pay for the pool, else 1.
    """
    if jobs < 0:
        raise ValueError(f"jobs must be 0 (automatic) or a positive number, not {jobs}")
    if jobs == 0:
        if sum(len(t) for t in texts) < MIN_PARALLEL_CHARS:
            return 1
        jobs = min(available_cpus(), MAX_AUTO_JOBS)
    return max(1, min(jobs, len(texts)))


def _annotate(text: str) -> Annotations:
    from kg.annotate.pipeline import make_nlp

    return make_nlp()(text)._.lt


def _annotate_caught(text: str) -> Annotations | Failure:
    try:
        return _annotate(text)
    except Exception as exc:  # noqa: BLE001 — sent back and reported per file
        return Failure(f"{type(exc).__name__}: {exc}")


def _context() -> multiprocessing.context.BaseContext:
    # fork shares the loaded pipeline with the workers; elsewhere, the default
    # start method and a pipeline load in each worker.
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _worker_init(load: bool) -> None:
    # Ctrl-C is the parent's to handle (it stops the pool); workers would
    # otherwise each print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if load:
        from kg.annotate.pipeline import make_nlp

        make_nlp()


def annotate_many(
    texts: Sequence[str], jobs: int = 0, catch: bool = True
) -> Iterator[Annotations | Failure]:
    """Annotations for each of ``texts``, in order.

    With ``catch``, an article the extractor raised on gives a
    :class:`Failure` and the rest go on; without, the error propagates.
    ``jobs``: see :func:`choose_jobs`. The results are the same for any
    number of jobs.

    The worker processes start here, before the caller iterates (so before
    any progress-bar thread exists: forking a process with threads is unsafe;
    with fork, the executor starts all its workers at the first task).
    """
    from kg.annotate.pipeline import make_nlp

    make_nlp()  # loaded before forking, so that workers inherit it
    one = _annotate_caught if catch else _annotate
    n = choose_jobs(jobs, texts)
    if n == 1:
        return (one(text) for text in texts)
    ctx = _context()
    pool = ProcessPoolExecutor(
        n, mp_context=ctx, initializer=_worker_init, initargs=(ctx.get_start_method() != "fork",)
    )
    try:
        pool.submit(_ready).result()  # every worker is forked now
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    return _drain(pool, one, texts)


def _ready() -> bool:
    return True


def _drain(pool: ProcessPoolExecutor, one: Callable, texts: Sequence[str]) -> Iterator:
    # A process pool rather than multiprocessing.Pool: a worker that dies
    # (killed, out of memory) raises BrokenProcessPool here instead of leaving
    # the build waiting for ever.
    try:
        yield from pool.map(one, texts, chunksize=CHUNK)
    except BrokenProcessPool as exc:
        raise WorkerError(
            "a worker process annotating the articles died (killed, or out of memory); "
            "nothing was written. Run again with --jobs 1 (one process, less memory)"
        ) from exc
    finally:  # the caller finished, stopped early or failed
        pool.shutdown(wait=True, cancel_futures=True)

"""Worker processes that read many files, with results in input order, none left behind.

A worker that dies (killed, out of memory) ends the run with :class:`WorkerDied`, naming the
files it may have been reading, instead of waiting for it forever (``multiprocessing.Pool``
waits: it replaces the worker and the task is lost). However the run ends — finished, stopped
early by the caller, interrupted, a signal — the workers are ended with it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

__all__ = ["WorkerDied", "ordered"]

R = TypeVar("R")


class WorkerDied(RuntimeError):
    """A worker process ended before it had read its files: ``files`` are those being read
    when it did (one of them may be what killed it). The run stops; the results already given
    stand."""

    def __init__(self, files: list[str]) -> None:
        self.files = files
        shown = ", ".join(files[:5]) + (", …" if len(files) > 5 else "")
        super().__init__(f"a worker process died while reading {shown}")


def _worker_start(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    # Ctrl-C reaches the whole process group: the parent stops the run, and the workers must
    # not each print a KeyboardInterrupt traceback first. A SIGTERM the parent handles is no
    # business of the workers: they end as the parent ends them.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)  # held while the parent forked us
    if initializer is not None:
        initializer(*initargs)


_HELD = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _held() -> Iterator[None]:
    # Ctrl-C and SIGTERM wait while the pool changes (a worker forked, a file handed over, the
    # pool shut down), so that their exception never lands inside the executor's own code and
    # leaves it half done (a worker untracked, a pipe closed under its thread: "Bad file
    # descriptor" at exit). Threads and workers started meanwhile inherit the mask; the
    # workers lift it. Signals are taken while the parent waits for a result.
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def ordered(
    work: Callable[[str], R],
    names: Iterable[str],
    workers: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[R]:
    """``work(name)`` for every name, run in ``workers`` processes, yielded in the order of
    ``names``; at most four files a worker are in flight, so memory stays flat. ``WorkerDied``
    if a worker process dies."""
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("spawn" if os.name == "nt" else "fork")
    with _held():
        pool = ProcessPoolExecutor(
            workers, context, initializer=_worker_start, initargs=(initializer, initargs)
        )
    flight: deque[tuple[str, Future[R]]] = deque()
    source = iter(names)
    try:
        while True:
            try:
                while len(flight) < 4 * workers:
                    name = next(source, None)
                    if name is None:
                        break
                    with _held():
                        flight.append((name, pool.submit(work, name)))
                if not flight:
                    with _held():
                        pool.shutdown(wait=True)  # every file read: the workers end as they should
                    return
                result = flight[0][1].result()
            except BrokenProcessPool:
                # Found at a submission or a result, whichever comes first.
                raise WorkerDied([n for n, _ in flight]) from None
            flight.popleft()
            yield result
    finally:
        with _held():
            _end(pool)


def _end(pool: Any) -> None:
    # The workers are ended at once, running or not: a caller that stops early, an interrupt
    # or a signal must not wait for files nobody will read. Then the pool's thread is joined,
    # so that nothing of it is left for the interpreter's exit (which otherwise may wake that
    # thread through a pipe it is closing: "Bad file descriptor", a race of Python 3.11).
    processes = list(getattr(pool, "_processes", None) or {})
    thread = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for pid in processes:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
    if thread is not None:
        thread.join(timeout=30)  # it ends once it sees its workers gone

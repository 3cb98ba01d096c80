"""A process that has done its work exits at once: a job's, and Snakemake's own."""

import atexit
import gc
import threading


def exit_without_collecting() -> None:
    """At exit, freeze every object out of the garbage collector's reach: their memory goes
    back with the process, and Python's shutdown would otherwise walk them all several
    times (0.3 s of each job that loaded numba or matplotlib, as long in Snakemake itself).

    Objects that reference counting frees are still freed (files are flushed and closed, exit
    handlers run); only what is left in reference cycles is not finalised: an unfinished
    generator's ``finally`` or a ``NamedTemporaryFile`` in a cycle would not run or be
    deleted. nnfit closes its files with ``with`` (``atomic_path``), never by finalisers."""
    atexit.register(gc.freeze)


def cancel_timers() -> int:
    """Cancel the timers still waiting to fire, and say how many there were.

    Snakemake's job rate limiter (--max-jobs-per-timespan, by default 100 per second) starts
    a one-second timer after each round of scheduling, to look again when the second is
    over; Python waits for the last of them before it exits. Called once the run is over,
    when nothing is left to schedule, this saves that second."""
    timers = [t for t in threading.enumerate() if isinstance(t, threading.Timer)]
    for timer in timers:
        timer.cancel()
    return len(timers)

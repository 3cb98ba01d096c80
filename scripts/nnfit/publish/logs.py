"""Send a rule script's messages and errors to its log file and the terminal."""

import logging
import sys
import traceback

from nnfit.publish.quick_exit import exit_without_collecting

ANSWER = "nnfit.answer"  # the logger of a job's answer: to its log and the terminal


def log_to(path: str) -> logging.Logger:
    """Log to ``path``, and warnings and errors also to stderr (the terminal keeps one line
    per finished job); library warnings and uncaught errors land there too. The job exits
    without a last garbage collection (exit_without_collecting)."""
    exit_without_collecting()
    terminal = sys.stderr
    sys.stderr = open(path, "w", buffering=1)  # noqa: SIM115 (lives as long as the job)
    to_terminal = logging.StreamHandler(terminal)
    to_terminal.setLevel(logging.WARNING)
    logging.basicConfig(
        level=logging.WARNING,  # libraries (fontTools subsetting PDFs) say only what matters
        format="%(asctime)s %(levelname)s %(message)s",
        handlers=[logging.StreamHandler(sys.stderr), to_terminal],
        force=True,
    )
    logging.captureWarnings(True)
    log = logging.getLogger("nnfit")
    log.setLevel(logging.INFO)
    # what a job is run for (verify's verdict) reaches the terminal as well
    answer = logging.getLogger(ANSWER)
    answer.addHandler(logging.StreamHandler(terminal))

    def log_uncaught(kind, error, trace):
        try:
            traceback.print_exception(kind, error, trace)  # the full trace in the log only
        except OSError as unwritable:  # a full disk: the terminal still gets the error
            print(f"{path}: could not write this log ({unwritable.strerror})", file=terminal)
        log.error("%s: %s", kind.__name__, error)

    sys.excepthook = log_uncaught
    return log

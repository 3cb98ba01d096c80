"""Snakemake's terminal output without the lines every job adds: a progress line instead.

Snakemake prints about five lines per job (choosing jobs, starting them, a timestamp, the
finished job, the count), so a default run of a hundred jobs printed about 560. This handler
is Snakemake's own text handler, with Snakemake's filter and formatter (errors, a failed
job's log, dry runs and the run's summary read as they always did), less those lines and the
job table of a real run: a bar redrawn in place on a terminal, and elsewhere (a CI log, a
pipe) one line at each tenth of the run. Snakemake's log file in .snakemake/log/ keeps
every line.
"""

import math
import sys
from logging import LogRecord

from snakemake.logging import ColorizingTextHandler
from snakemake_interface_logger_plugins.base import LogHandlerBase
from snakemake_interface_logger_plugins.common import LogEvent

# Snakemake's per-job lines that carry no event of their own (snakemake 9, job_scheduler.py)
CHOOSING = "Select jobs to execute..."
STARTING = ("Execute ", " jobs...")
BAR_WIDTH = 30
STEPS = 10  # lines of progress where the output is not a terminal


def progress_line(done: int, total: int, bar: bool) -> str:
    share = done / total if total else 1.0
    count = f"{done} of {total} jobs"
    if not bar:
        return f"{math.floor(100 * share)}% ({count})"
    filled = math.floor(BAR_WIDTH * share)
    return f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {count}"


def per_job(record: LogRecord) -> bool:
    message = record.msg if isinstance(record.msg, str) else ""
    return message == CHOOSING or (
        message.startswith(STARTING[0]) and message.endswith(STARTING[1])
    )


class LogHandler(LogHandlerBase):
    def __post_init__(self) -> None:
        stream = sys.stdout if self.common_settings.stdout else sys.stderr
        self.text = ColorizingTextHandler(nocolor=self.common_settings.nocolor, stream=stream)
        self.stream = stream
        self.bar = stream.isatty()
        self.bar_drawn = False
        self.steps_shown = -1

    def setFormatter(self, fmt) -> None:  # Snakemake's own (has_formatter is False)
        super().setFormatter(fmt)
        self.text.setFormatter(fmt)

    def emit(self, record: LogRecord) -> None:
        event = getattr(record, "event", None)
        if event == LogEvent.PROGRESS:
            self.progress(record.done, record.total)
        elif event == LogEvent.JOB_FINISHED or per_job(record):
            return
        elif event == LogEvent.RUN_INFO and not self.common_settings.dryrun:
            return  # the job table: the progress line counts the jobs, `snakemake -n` lists them
        else:
            self.end_bar()
            self.text.emit(record)

    def progress(self, done: int, total: int) -> None:
        if self.bar:
            self.stream.write("\r" + progress_line(done, total, bar=True))
            self.bar_drawn = True
            if done == total:
                self.end_bar()
        else:
            step = math.floor(STEPS * done / total) if total else STEPS
            if step > self.steps_shown:
                self.steps_shown = step
                self.stream.write(progress_line(done, total, bar=False) + "\n")
        self.stream.flush()

    def end_bar(self) -> None:
        if self.bar_drawn:
            self.stream.write("\n")
            self.bar_drawn = False

    @property
    def writes_to_stream(self) -> bool:
        return True

    @property
    def writes_to_file(self) -> bool:
        return False

    @property
    def has_filter(self) -> bool:
        return False  # Snakemake's own, with the profile's quiet settings

    @property
    def has_formatter(self) -> bool:
        return False

    @property
    def needs_rulegraph(self) -> bool:
        return False

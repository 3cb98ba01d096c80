"""A finished process exits at once (nnfit.publish.quick_exit)."""

import subprocess
import sys
import threading
from pathlib import Path

from nnfit.publish.quick_exit import cancel_timers

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def test_cancelled_timers_end_without_firing():
    fired = threading.Event()
    timer = threading.Timer(60, fired.set)
    timer.start()
    assert cancel_timers() == 1
    timer.join(timeout=5)
    assert not timer.is_alive() and not fired.is_set()
    assert cancel_timers() == 0


def test_a_job_still_flushes_its_log_and_runs_its_exit_handlers(tmp_path):
    """Freezing the objects at exit skips only the garbage collector: open files are still
    flushed and the exit handlers registered before run."""
    log, marker = tmp_path / "job.log", tmp_path / "handler-ran"
    script = f"""
import atexit, sys
sys.path.insert(0, {str(SCRIPTS)!r})
atexit.register(lambda: open({str(marker)!r}, "w").close())
from nnfit.publish.logs import log_to
log = log_to({str(log)!r})
log.info("the job's last words")
sys.stderr.write("unflushed")
"""
    subprocess.run([sys.executable, "-c", script], check=True)
    assert "the job's last words" in log.read_text()
    assert log.read_text().endswith("unflushed")
    assert marker.exists()

"""The explorer page in headless Chromium: its size, time to interactive, and scrubbing speed.

Prints the file's size (budget 4 MB for the default config; and its length as the data URL
the report would show it from, which Chromium allows up to 2 MB), the time from navigation to the
page's first drawn view with every control wired (budget 1 s; the median of fresh loads), and
frames per second while scrubbing relu (budget 30): the slider moved to a new iteration on
every animation frame for a few seconds, counting the redraws that reached the screen, and the
milliseconds of one redraw (compute, scene, canvas, table) when called back to back.

    snakemake --cores 4 explorer
    python bench/explorer.py [--page results/explorer.html] [--activation relu] [--loads 3]
"""

import argparse
import json
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from nnfit.publish.explorer import CHROMIUM_MAX_URL, data_url_length  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARGS += ["--disable-component-update", "--no-first-run"]

SCRUB = """async (seconds) => {
  const slider = document.getElementById("iteration"), last = Number(slider.max);
  let frames = 0;
  const before = window.explorer.redraws;
  const start = performance.now();
  await new Promise((done) => {
    const step = (now) => {
      if (now - start > seconds * 1000) return done();
      slider.value = String((frames * 7) % (last + 1));
      slider.dispatchEvent(new Event("input"));
      frames++;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  const elapsed = (performance.now() - start) / 1000;
  return { frames, fps: (window.explorer.redraws - before) / elapsed, elapsed };
}"""

BACK_TO_BACK = """(count) => {
  const totals = { compute: 0, scene: 0, draw: 0, controls: 0 };
  const start = performance.now();
  for (let k = 0; k < count; k++) {
    window.explorer.set({ iteration: (k * 37) % 1000 });
    for (const key in totals) totals[key] += window.explorer.timings[key] / count;
  }
  return { ms: (performance.now() - start) / count, ...totals };
}"""


def renderer_cpu_ms(trace: bytes) -> tuple[float, float]:
    """CPU milliseconds of the page's renderer: its main thread's, and all its threads'
    (raster workers, compositor), the thread time (tdur) of every top-level task. On a
    machine shared with other work the wall clock counts the waiting too; this does not."""
    events = json.loads(trace)["traceEvents"]
    main = next(
        (e["pid"], e["tid"])
        for e in events
        if e.get("ph") == "M" and e.get("args", {}).get("name") == "CrRendererMain"
    )
    per_thread = {}
    for e in sorted(
        (e for e in events if e.get("ph") == "X" and e.get("name") == "RunTask"),
        key=lambda e: e["ts"],
    ):
        if e["pid"] != main[0]:
            continue
        total, end = per_thread.get(e["tid"], (0, -1))
        if e["ts"] >= end:  # not nested in the thread's previous top-level task
            per_thread[e["tid"]] = (total + e.get("tdur", 0), e["ts"] + e["dur"])
    main_ms = per_thread.get(main[1], (0, 0))[0] / 1000
    return main_ms, sum(total for total, _ in per_thread.values()) / 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="results/explorer.html")
    parser.add_argument("--activation", default="relu")
    parser.add_argument("--loads", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    page_path = Path(args.page).resolve()
    size = page_path.stat().st_size
    print(f"file: {page_path} {size} bytes ({size / 1e6:.2f} MB; budget 4 MB)")
    url = data_url_length(page_path)
    print(f"  as the report's data URL: {url} characters (Chromium shows up to {CHROMIUM_MAX_URL})")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        ready = []
        for _ in range(args.loads):
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            page.goto(f"{page_path.as_uri()}#act={args.activation}")
            page.wait_for_function("window.explorer && window.explorer.ready", timeout=60000)
            ready.append(page.evaluate("window.explorer.readyAt"))
            page.close()
        print(
            f"interactive: {statistics.median(ready):.0f} ms after navigation (median of "
            f"{args.loads}: {', '.join(f'{t:.0f}' for t in ready)}; budget 1000 ms)"
        )
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(f"{page_path.as_uri()}#act={args.activation}")
        page.wait_for_function("window.explorer && window.explorer.ready", timeout=60000)
        categories = ["devtools.timeline", "disabled-by-default-devtools.timeline"]
        browser.start_tracing(page=page, categories=categories)
        scrub = page.evaluate(SCRUB, args.seconds)
        main_ms, all_ms = renderer_cpu_ms(browser.stop_tracing())
        drawn = scrub["fps"] * scrub["elapsed"]
        print(
            f"scrubbing {args.activation}: {scrub['fps']:.1f} frames per second drawn over "
            f"{scrub['elapsed']:.1f} s (budget 30)"
        )
        print(
            f"  CPU per frame drawn: {main_ms / drawn:.1f} ms on the page's main thread "
            f"({1000 * drawn / main_ms:.0f} frames per second of its CPU), {all_ms / drawn:.1f} "
            "ms in all the renderer's threads"
        )
        redraw = page.evaluate(BACK_TO_BACK, 50)
        parts = ", ".join(f"{key} {redraw[key]:.1f}" for key in ("compute", "scene", "draw"))
        print(
            f"one redraw back to back: {redraw['ms']:.1f} ms ({parts}, table and controls "
            f"{redraw['controls']:.1f})"
        )
        browser.close()


if __name__ == "__main__":
    main()

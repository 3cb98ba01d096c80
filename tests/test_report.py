"""What a reader opens: the Snakemake report (checked in a real browser where there is one),
the gallery, and a report after the figures target alone."""

import html.parser
import json
from pathlib import Path

import pytest
import yaml

from conftest import DEFAULT_CONFIG, needs_chromium, run_workflow, small_config
from nnfit.model.activations import get_activation
from nnfit.plan import REPORT_EXPLORER
from nnfit.publish.explorer import CHROMIUM_MAX_URL, data_url_length


@pytest.fixture(scope="module")
def report(small_runs) -> Path:
    """The report of the small config's full run."""
    config, (workdir, _) = small_runs
    run = run_workflow(workdir, config, "--report", "results/report.html")
    assert run.returncode == 0, run.stderr
    return workdir / "results/report.html"


def config_as_run(small_runs) -> dict:
    """The config as the workflow read it: its activations in the file's order."""
    return yaml.safe_load((small_runs[1][0] / "config.yaml").read_text())


def probe_report(browser, report: Path, scripts: dict[str, str]) -> dict:
    """Open the report in Chromium once, run each of ``scripts`` (the body of an async
    JavaScript function whose value is the result; one after another, each on its own) once the
    report's app has started, and return what each found, by name."""
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(report.as_uri(), timeout=120_000)
    page.wait_for_function("typeof app !== 'undefined' && typeof results !== 'undefined'")
    found = {}
    for name, script in scripts.items():
        try:
            found[name] = page.evaluate(f"async () => {{ {script} }}")
        except Exception as error:  # each probe on its own: one failing names itself
            found[name] = {"error": str(error).splitlines()[0]}
    page.close()
    assert not errors, errors
    return found


def show(path: str, category: str, subcategory: str | None, content: str) -> str:
    """JavaScript doing what the report's eye button does for ``path``."""
    view = {"category": category, "content": content, "resultPath": path}
    view["navbarMode"] = "subcategory" if subcategory else "category"
    if subcategory:
        view["subcategory"] = subcategory
    return (
        f"const view = {json.dumps(view)}; view.contentPath = results[view.resultPath].data_uri;"
        "app.setView(view); await new Promise((done) => setTimeout(done, 1000));"
    )


def animation(name: str) -> str:
    """What the report shows of an activation's training animation: the image's width, and
    whether the browser decodes it as animated and into how many frames."""
    return show(f"results/report/{name}_training.png", "2. Activations", None, "img") + (
        "const img = document.querySelector(\"#app img[src^='data:image/png']\");"
        "const decoder = new ImageDecoder({data: await (await fetch(img.src)).arrayBuffer(),"
        ' type: "image/png"});'
        "await decoder.tracks.ready;"
        "const track = decoder.tracks.selectedTrack;"
        "return {width: img.naturalWidth, animated: track.animated, frames: track.frameCount};"
    )


CLAIMS_TABLE = show("results/pages/claims.html", "3. Claims", None, "html") + (
    "const iframe = document.querySelector('#app iframe');"
    "const page = await (await fetch(iframe.src)).text();"
    "const doc = new DOMParser().parseFromString(page, 'text/html');"
    "const table = doc.querySelector('table');"
    "return {rows: table.querySelectorAll('tbody tr').length,"
    " heads: [...table.querySelectorAll('th')].map((th) => th.textContent),"
    " verdicts: [...doc.querySelectorAll('.claim .badge')].map((b) => b.textContent),"
    " folded: doc.querySelectorAll('.claim details').length};"
)
CATEGORIES = (
    "return {categories: Object.keys(categories),"
    " activations: Object.keys(categories['2. Activations'])};"
)


@pytest.fixture(scope="module")
def seen(browser, small_runs, report) -> dict:
    """What Chromium finds in the report: each animation, the claims table, the categories
    (one page for all: opening the report takes seconds)."""
    config, _ = small_runs
    scripts = {f"animation {name}": animation(name) for name in config["activations"]}
    return probe_report(
        browser, report, scripts | {"claims": CLAIMS_TABLE, "categories": CATEGORIES}
    )


@needs_chromium
def test_the_report_plays_every_training_animation(small_runs, seen):
    config, _ = small_runs
    iterations, stride = config["training"]["iterations"], config["figures"]["gif"]["stride"]
    for name in config["activations"]:
        dpi = config["figures"]["gif"]["dpi"]
        assert seen[f"animation {name}"] == {
            "width": round(6.4 * dpi),
            "animated": True,
            "frames": 1 + -(-iterations // stride),
        }, name


@needs_chromium
def test_the_report_shows_the_claims_table(report, seen):
    claims = json.loads(report.with_name("claims.json").read_text())
    assert seen["claims"] == {
        "rows": len(claims),
        "heads": ["claim", "measured", "verdict", "depends on"],
        "verdicts": [claim["verdict"] for claim in claims],  # a badge per claim, in order
        "folded": len(claims),  # each claim's statistics folded under it
    }


@needs_chromium
def test_the_report_lists_activations_and_their_figures_in_the_article_order(small_runs, seen):
    config = config_as_run(small_runs)
    found = seen["categories"]
    assert sorted(found["categories"]) == ["1. Data", "2. Activations", "3. Claims"]
    expected = [
        f"{k}. {get_activation(name, **{o: v for o, v in entry.items() if o == 'a'}).label}"
        for k, (name, entry) in enumerate(config["activations"].items(), 1)
    ]
    assert sorted(found["activations"]) == expected


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs)["src"])


def test_the_gallery_links_every_figure_in_the_article_order(small_runs):
    config, workdir = config_as_run(small_runs), small_runs[1][0]
    gallery = workdir / "results/index.html"
    links = _Links()
    links.feed(gallery.read_text(encoding="utf-8"))
    assert all((gallery.parent / src).is_file() for src in links.images)
    expected = ["figures/network.png", "figures/sinusoid.png"]
    for name in config["activations"]:
        expected += [f"figures/{name}.png", f"figures/{name}_training.gif"]
        expected += [f"figures/{name}_hidden.png", f"figures/{name}_extrapolation.png"]
    assert links.images[: len(expected)] == expected
    assert "figures/reliability.png" in links.images[len(expected) :]
    assert "<table>" in gallery.read_text()  # the claims table itself
    assert '<a href="explorer.html">' in gallery.read_text()
    assert (gallery.parent / "explorer.html").is_file()
    assert gallery.stat().st_size < 100_000  # images are linked, not inlined


@pytest.mark.long(
    reason="a run of its own; by default tests/test_commands.py's "
    "test_the_figures_target_makes_the_article_without_the_sweep and "
    "test_a_report_of_the_figures_target_alone check the same in the clone"
)
def test_the_figures_target_writes_provenance_and_a_report(tmp_path):
    config = small_config()
    config["activations"] = {"cos": config["activations"]["cos"]}
    config["sweep"] |= {"activations": ["cos"], "snake_a": []}
    run = run_workflow(tmp_path, config, "figures")
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "results/provenance.json").exists()
    assert (tmp_path / "results/explorer.html").exists()
    assert "nnfit finished." in run.stderr and "results/figures/" in run.stderr
    report = run_workflow(tmp_path, config, "--report", "results/report.html")
    assert report.returncode == 0, report.stderr
    assert (tmp_path / "results/report.html").stat().st_size > 0


@pytest.fixture(scope="module")
def default_report(tmp_path_factory) -> Path:
    """The report of the default config's whole run (about 1.5 min on 2 cores)."""
    workdir = tmp_path_factory.mktemp("default_report")
    run = run_workflow(workdir, DEFAULT_CONFIG)
    assert run.returncode == 0, run.stderr
    report = run_workflow(workdir, DEFAULT_CONFIG, "--report", "results/report.html")
    assert report.returncode == 0, report.stderr
    return workdir / "results/report.html"


@pytest.mark.slow
def test_the_default_report_keeps_to_its_budget_and_its_explorer_to_a_data_url(default_report):
    """Within 15 MB to be mailed or uploaded, every figure, animation and the explorer inside;
    the explorer alone within its 4 MB, and the report's copy short enough to be shown."""
    results = default_report.parent
    assert default_report.stat().st_size <= 15_000_000
    assert (results / "explorer.html").stat().st_size <= 4_000_000
    # the report shows a page from a data URL: Chromium blocks one any longer (a blank frame)
    assert data_url_length(results / "report/explorer.html") < CHROMIUM_MAX_URL


@pytest.mark.slow
@needs_chromium
def test_the_default_report_shows_its_explorer(browser, default_report):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(default_report.as_uri(), timeout=120_000)
    page.wait_for_function("typeof app !== 'undefined' && typeof results !== 'undefined'")
    page.evaluate(f"async () => {{ {show(REPORT_EXPLORER, '1. Data', None, 'html')} }}")
    frame = page.frames[-1]
    assert frame.url.startswith("data:text/html"), frame.url  # not about:blank#blocked
    frame.wait_for_function("window.explorer && window.explorer.ready", timeout=60_000)
    state = frame.evaluate("window.explorer.state()")
    assert state["activation"] in DEFAULT_CONFIG["activations"]
    assert len(state["recorded"]) < DEFAULT_CONFIG["training"]["iterations"] + 1
    assert "every iteration" in state["note"]
    page.close()
    assert not errors, errors

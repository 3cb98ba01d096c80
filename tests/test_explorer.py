"""The explorer page (results/explorer.html) in a real browser: Debian's chromium driven by
Playwright. Everything the page draws is read back from the state it exposes
(window.explorer.state()) and checked against numpy on the saved artifacts."""

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from conftest import needs_chromium, run_workflow, small_config
from nnfit.figures.pacing import animation_frames
from nnfit.model.activations import ACTIVATIONS, get_activation
from nnfit.model.artifacts import load_model, load_npz
from nnfit.model.data import sample_training_set
from nnfit.model.network import Params, forward, node_contributions
from nnfit.model.seeding import data_rng
from nnfit.model.targets import get_target
from nnfit.publish.explorer import decode_array, encode_array, recorded_iterations, seeds_of

TOLERANCE = 1e-9


def test_arrays_survive_the_page_encoding_bit_for_bit():
    rng = np.random.default_rng(0)
    trajectory = np.cumsum(rng.normal(size=(30, 7)), axis=0)  # (steps, parameters)
    for values, trajectories in [
        (trajectory, True),
        (trajectory[:, 0], True),
        (rng.normal(size=(4, 5)), False),
        (np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 5e-324]), False),
        (np.empty((0, 50)), False),
    ]:
        encoded = encode_array(values, trajectories)
        decoded = decode_array(encoded)
        assert decoded.shape == values.shape
        assert decoded.tobytes() == values.tobytes()  # bits, so -0.0 and NaN too
        assert encode_array(values, trajectories) == encoded  # the same bytes every time
        assert json.loads(json.dumps(encoded)) == encoded


def test_recorded_iterations_must_rise_from_the_first_to_the_last():
    assert recorded_iterations([0, 5, 20], 21).tolist() == [0, 5, 20]
    for bad in ([5, 20], [0, 5], [0, 5, 5, 20], [0, 7, 5, 20], []):
        with pytest.raises(ValueError, match="from 0 to 20"):
            recorded_iterations(bad, 21)


@pytest.fixture(scope="module")
def explorer_run(tmp_path_factory):
    """The small config's explorer: sigmoid, relu, cos and snake over 20 iterations; the
    sweep (3 seeds, widths 1 and 3) has seeds of cos and snake at their article width."""
    config = small_config()
    workdir = tmp_path_factory.mktemp("explorer")
    result = run_workflow(workdir, config, "explorer")
    assert result.returncode == 0, result.stderr
    return config, workdir


class Opened:
    """One tab on the page, with what it asked of the network and said on its console."""

    def __init__(self, browser, path: Path, fragment: str = ""):
        self.page = browser.new_page(viewport={"width": 1280, "height": 720}, accept_downloads=True)
        self.requests, self.console = [], []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda error: self.console.append(f"error: {error}"))
        self.page.goto(path.as_uri() + fragment)
        self.page.wait_for_function("window.explorer && window.explorer.ready", timeout=60000)

    def state(self) -> dict:
        return self.page.evaluate("window.explorer.state()")

    def set(self, **change) -> dict:
        self.page.evaluate(
            """(change) => {
                 if (change.off) change.off = new Set(change.off);
                 window.explorer.set(change);
               }""",
            change,
        )
        return self.state()


@pytest.fixture()
def opened(browser, explorer_run):
    tabs = []

    def open_page(fragment="", page="results/explorer.html"):
        tab = Opened(browser, explorer_run[1] / page, fragment)
        tabs.append(tab)
        return tab

    yield open_page
    for tab in tabs:
        tab.page.close()


def history_row(model, iteration) -> Params:
    return Params(*(field[iteration] for field in model.history))


@needs_chromium
def test_the_page_loads_with_no_request_and_no_console_message(opened, explorer_run):
    tab = opened()
    page_url = (explorer_run[1] / "results/explorer.html").as_uri()
    assert tab.requests == [page_url]
    for name in explorer_run[0]["activations"]:  # every view drawn, still nothing fetched or said
        tab.set(act=name, range="extrapolation")
    tab.page.keyboard.press("ArrowRight")
    tab.page.wait_for_timeout(300)
    assert tab.requests == [page_url]
    assert tab.console == []
    assert tab.state()["title"] == "nnfit explorer"


@needs_chromium
@pytest.mark.parametrize("name", ["sigmoid", "relu", "cos", "snake"])
def test_the_drawn_output_is_numpys_at_every_iteration_checked(opened, explorer_run, name):
    config, workdir = explorer_run
    model = load_model(workdir / f"results/models/{name}.npz")
    act = model.act()
    tab = opened()
    last = len(model.loss) - 1
    for range_key, x_range in (
        ("train", config["data"]["train_range"]),
        ("extrapolation", config["data"]["extrapolation_range"]),
    ):
        for iteration in (0, 1, last // 2, last):
            state = tab.set(act=name, iteration=iteration, range=range_key)
            x = np.array(state["x"])
            np.testing.assert_array_equal(x, np.linspace(*x_range, config["data"]["grid_points"]))
            params = history_row(model, iteration)
            np.testing.assert_allclose(
                state["output"], forward(params, x, act), rtol=0, atol=TOLERANCE
            )
            parts = node_contributions(params, x, act)  # (grid_points, n_hidden)
            np.testing.assert_allclose(
                np.array(state["contributions"]).T, parts, rtol=0, atol=TOLERANCE
            )
            # the train MSE shown is the history's loss at that row
            assert state["train_mse"] == pytest.approx(model.loss[iteration], rel=TOLERANCE)


@needs_chromium
@pytest.mark.parametrize("name,node", [("sigmoid", 3), ("relu", 57), ("cos", 0)])
def test_switching_a_node_off_removes_exactly_its_contribution(opened, explorer_run, name, node):
    config, workdir = explorer_run
    model = load_model(workdir / f"results/models/{name}.npz")
    act = model.act()
    train = load_npz(workdir / "results/data/train.npz")
    tab = opened()
    iteration = len(model.loss) // 2
    whole = tab.set(act=name, iteration=iteration, off=[])
    ablated = tab.set(off=[node])
    x = np.array(whole["x"])
    params = history_row(model, iteration)
    v_h = node_contributions(params, x, act)[:, node]
    np.testing.assert_allclose(
        np.array(whole["output"]) - np.array(ablated["output"]), v_h, rtol=0, atol=TOLERANCE
    )
    assert ablated["off"] == [node]
    without = params._replace(v=np.where(np.arange(params.v.size) == node, 0.0, params.v))
    expected = np.mean((forward(without, train["x"], act) - train["y"]) ** 2)
    assert ablated["train_mse"] == pytest.approx(expected, rel=TOLERANCE)
    # the checkbox in the node table is the same switch
    row = tab.page.locator(f'#nodes tbody tr[data-node="{node}"]')
    row.locator("input").click()
    assert tab.state()["off"] == []
    # a click on the row keeps the node highlighted once the pointer leaves the table
    row.locator("td").nth(2).click()
    tab.page.mouse.move(5, 5)
    tab.page.wait_for_timeout(100)
    assert tab.state()["hot"] == node


@needs_chromium
@pytest.mark.parametrize("name", ["cos", "snake"])
def test_a_seed_picked_shows_its_network_from_the_batch(opened, explorer_run, name):
    config, workdir = explorer_run
    width = config["activations"][name]["n_hidden"]
    batch = load_npz(workdir / f"results/sweep/runs/{name}/w{width}.npz")
    # the article width is a deciding cell with more seeds: the page offers the sweep's
    sweep_seeds = range(config["seed"], config["seed"] + config["sweep"]["seeds"])
    assert batch["seed"].size > len(sweep_seeds)
    batch = seeds_of(batch, sweep_seeds)
    assert batch["seed"].tolist() == list(sweep_seeds)
    tab = opened()
    tab.set(act=name)
    options = tab.page.locator("#seed option")
    values = [options.nth(k).get_attribute("value") for k in range(options.count())]
    assert values[0] == ""  # the article's network first, then every seed by train MSE
    assert sorted(map(int, values[1:])) == sorted(batch["seed"].tolist())
    by_mse = [int(batch["seed"][k]) for k in np.argsort(batch["train_mse"], kind="stable")]
    assert list(map(int, values[1:])) == by_mse
    target = get_target(config["data"]["target"])
    parameters = config["activations"][name].get("a")
    act = get_activation(name, **({"a": parameters} if parameters else {}))
    for k, seed in enumerate(batch["seed"].tolist()):
        tab.page.select_option("#seed", str(seed))
        state = tab.state()
        assert state["seed"] == seed
        final = Params(*(batch[f"final_{f}"][k] for f in ("w", "b", "v", "c")))
        for field in ("w", "b", "v"):
            np.testing.assert_array_equal(state["params"][field], getattr(final, field))
        assert state["params"]["c"] == final.c
        x = np.array(state["x"])
        np.testing.assert_allclose(state["output"], forward(final, x, act), rtol=0, atol=TOLERANCE)
        # its MSE on its own training set, drawn as the sweep drew it, is the batch's
        data = config["data"]
        xs, ys = sample_training_set(
            data_rng(seed), data["n_samples"], data["noise_sd"], data["train_range"], target.f
        )
        expected = np.mean((forward(final, xs, act) - ys) ** 2)
        assert expected == pytest.approx(batch["train_mse"][k], rel=1e-12)
        assert state["train_mse"] == pytest.approx(expected, rel=TOLERANCE)
        option = tab.page.locator(f'#seed option[value="{seed}"]').inner_text()
        assert ("fits" in option) == bool(batch["fits"][k])
        assert ("no extrapolation" in option) == (not batch["extrapolates"][k])


@needs_chromium
def test_a_network_without_sweep_seeds_offers_only_its_own(opened, explorer_run):
    tab = opened()
    tab.set(act="relu")  # relu/100: the small sweep has widths 1, 3
    assert tab.page.locator("#seed option").count() == 1
    assert "no seeds" in tab.page.locator("#typical").inner_text()


@needs_chromium
def test_the_fragment_restores_the_view_it_was_taken_from(opened, explorer_run):
    config = explorer_run[0]
    tab = opened()
    tab.page.locator("#activations button", has_text="ReLU").click()
    tab.page.locator("#range-extrapolation").click()
    slider = tab.page.locator("#iteration")
    slider.evaluate("(s) => { s.value = '7'; s.dispatchEvent(new Event('input')); }")
    tab.page.locator("body").press("ArrowRight")  # arrow keys step one iteration
    tab.page.locator('#nodes tbody tr[data-node="4"] input').click()
    tab.page.locator('#nodes tbody tr[data-node="9"] input').click()
    tab.page.wait_for_timeout(400)  # the fragment is written once the view rests
    before = tab.state()
    assert (before["activation"], before["iteration"], before["off"]) == ("relu", 8, [4, 9])
    assert before["range"] == "extrapolation"
    fresh = opened(before["hash"])
    after = fresh.state()
    for key in ("activation", "iteration", "off", "seed", "range", "output"):
        assert after[key] == before[key], key
    # and a seed's view
    width = config["activations"]["snake"]["n_hidden"]
    seeds = load_npz(explorer_run[1] / f"results/sweep/runs/snake/w{width}.npz")
    seed = int(seeds["seed"][1])
    view = opened(f"#act=snake&it=3&seed={seed}&off=1")
    state = view.state()
    assert (state["activation"], state["seed"], state["off"], state["range"]) == (
        "snake",
        seed,
        [0],
        "train",
    )


@needs_chromium
def test_export_saves_the_view_as_svg_and_png(opened, explorer_run):
    tab = opened("#act=cos&it=5&off=2")
    with tab.page.expect_download() as download:
        tab.page.locator("#export-svg").click()
    svg = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename.endswith(".svg")
    root = ET.fromstring(svg)  # well-formed XML
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    paths = root.findall(".//{http://www.w3.org/2000/svg}path")
    assert len(paths) > 10
    texts = "".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "iteration 5" in texts and "1 off" in texts
    with tab.page.expect_download() as download:
        tab.page.locator("#export-png").click()
    data = Path(download.value.path()).read_bytes()
    image = Image.open(io.BytesIO(data))
    image.verify()
    assert (image.format, image.size) == ("PNG", (2560, 1440))
    pixels = np.asarray(Image.open(io.BytesIO(data)).convert("L"))
    assert pixels.min() < 100 and pixels.max() == 255  # something drawn on white


@needs_chromium
def test_every_registry_formula_in_the_browser_is_numpys(opened):
    tab = opened()
    z = np.concatenate([np.linspace(-40, 40, 2001), [0.0, -2 * np.pi, 2 * np.pi, -1e-300, 700.5]])
    entries = list(ACTIVATIONS.values()) + [ACTIVATIONS["snake"].with_parameters(a=5.0)]
    for act in entries:
        entry = {"formula": act.js, "parameters": dict(act.parameters)}
        values = tab.page.evaluate(
            "([entry, z]) => window.explorer.evaluate(entry, z)", [entry, z.tolist()]
        )
        expected = act.f(z)
        np.testing.assert_allclose(
            values, expected, rtol=TOLERANCE, atol=TOLERANCE, err_msg=act.name
        )


def test_the_page_is_one_file_with_nothing_to_fetch(explorer_run):
    html = (explorer_run[1] / "results/explorer.html").read_text(encoding="utf-8")
    html = html.replace('xmlns="http://www.w3.org/2000/svg"', "")  # a name, not an address
    for reference in ("src=", "href=", "://", "@import", "<link"):
        assert reference not in html, reference
    assert '<script id="data" type="application/json">' in html


@needs_chromium
def test_the_reports_copy_holds_each_animations_iterations_exactly(opened, explorer_run):
    """The report's copy (Chromium shows no page over 2 MB from a data URL, as the report
    serves it) holds each history at the iterations its training animation shows, exactly:
    a link, the scrubber, the arrow keys, play and a switch of network step through those,
    and the page says so."""
    config, workdir = explorer_run
    tab = opened("#act=cos&it=7", page="results/report/explorer.html")
    assert tab.requests == [(workdir / "results/report/explorer.html").as_uri()]
    models = {
        name: load_model(workdir / f"results/models/{name}.npz") for name in config["activations"]
    }
    held = {
        name: animation_frames(
            model, model.act(), config["data"]["train_range"], config["figures"]["gif"]
        ).iteration.tolist()
        for name, model in models.items()
    }
    assert held["cos"][:3] == [0, 5, 10]  # the small config: every 5th of 20 iterations
    assert tab.state()["iteration"] == 5  # the link's 7 is not held: the last held before it
    for name, model in models.items():
        act, its = model.act(), held[name]
        state = tab.set(act=name, iteration=0)
        assert state["recorded"] == its and "every iteration" in state["note"]
        assert 2 < len(its) < model.loss.size  # some iterations, not all
        for k in (1, len(its) - 1):
            if its[k] - 1 > its[k - 1]:  # an iteration not held shows the last one before
                assert tab.set(iteration=its[k] - 1)["iteration"] == its[k - 1]
            state = tab.set(iteration=its[k])
            assert (state["iteration"], state["slider"]) == (its[k], k)
            assert f"frame {k + 1}/{len(its)}" in state["status"]
            row = history_row(model, its[k])
            for field in ("w", "b", "v"):
                np.testing.assert_array_equal(state["params"][field], getattr(row, field))
            np.testing.assert_allclose(
                state["output"], forward(row, np.asarray(state["x"]), act), rtol=0, atol=TOLERANCE
            )
            assert state["train_mse"] == pytest.approx(model.loss[its[k]], rel=TOLERANCE)
        tab.set(iteration=its[1])
        tab.page.keyboard.press("ArrowRight")
        tab.page.wait_for_timeout(100)
        assert tab.state()["iteration"] == its[2]
        tab.page.locator("#iteration").fill(str(len(its) - 2))  # the scrubber: row by row
        assert tab.state()["iteration"] == its[-2]
    last = held["cos"][-1]
    tab.set(act="cos", iteration=last)
    tab.page.select_option("#speed", "5")  # a step each 200 ms
    tab.page.click("#play")  # play from the last held: it wraps to the first
    tab.page.wait_for_function(f"window.explorer.state().iteration !== {last}")
    assert tab.state()["iteration"] == 0
    tab.page.click("#play")
    tab.set(act="cos", iteration=11)
    switched = tab.set(act="sigmoid")  # a switch keeps the iteration where it is held
    assert switched["iteration"] == max(i for i in held["sigmoid"] if i <= 10)
    assert tab.set(iteration=float("nan"))["iteration"] == 0  # not a number: the first
    assert tab.console == []
    full = opened("#act=cos&it=7").state()
    assert (full["iteration"], full["note"]) == (7, None)
    assert full["recorded"] == list(range(config["training"]["iterations"] + 1))

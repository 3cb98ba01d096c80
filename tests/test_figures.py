"""The figure set: complete, at the right size, faithful to the model, byte-reproducible."""

import dataclasses
import filecmp

import imageio.v3 as iio
import matplotlib.figure
import numpy as np
import pytest
from PIL import Image
from pillow_writers import saved_by_pillow

from conftest import DEFAULT_CONFIG
from nnfit.figures import style
from nnfit.figures.diagram import diagram_size
from nnfit.figures.gif import (
    MAX_GIF_FRAME_MS,
    TrainingScene,
    animate_training,
    frame_durations,
    frame_labels,
    render_training_gif,
    write_apng,
    write_gif,
)
from nnfit.figures.pacing import (
    TrainingFrames,
    frame_count,
    frame_iterations,
    paced,
    training_frames,
)
from nnfit.model.activations import ACTIVATIONS
from nnfit.model.artifacts import TrainedModel
from nnfit.model.network import Params, forward
from nnfit.model.training import AdamConfig, init_params, train


def expected_pixels(inches, dpi):
    width, height = inches
    return round(height * dpi), round(width * dpi)


def test_every_static_figure_exists_at_its_size(small_runs):
    config, (workdir, _) = small_runs
    figures = workdir / "results/figures"
    dpi = config["figures"]["dpi"]
    expected = {
        "network": diagram_size(config["figures"]["network_hidden"]),
        "sinusoid": style.FIGSIZE["sinusoid"],
    }
    for name in config["activations"]:
        expected[name] = style.FIGSIZE["activation"]
        expected[f"{name}_hidden"] = style.FIGSIZE["hidden"]
        expected[f"{name}_extrapolation"] = style.FIGSIZE["extrapolation"]
    for stem, inches in expected.items():
        assert iio.imread(figures / f"{stem}.png").shape[:2] == expected_pixels(inches, dpi), stem
        for ext in ("pdf", "svg"):
            assert (figures / f"{stem}.{ext}").stat().st_size > 0, f"{stem}.{ext}"


def test_every_gif_has_one_frame_per_drawn_iteration(small_runs):
    config, (workdir, _) = small_runs
    figures = workdir / "results/figures"
    iterations, stride = config["training"]["iterations"], config["figures"]["gif"]["stride"]
    for name in config["activations"]:
        frames = iio.imread(figures / f"{name}_training.gif", index=None, mode="RGB")
        pixels = expected_pixels(style.FIGSIZE["training"], config["figures"]["gif"]["dpi"])
        assert frames.shape == (1 + -(-iterations // stride), *pixels, 3), name


def test_two_clean_runs_give_identical_files(small_runs):
    _, workdirs = small_runs
    first, second = (workdir / "results/figures" for workdir in workdirs)
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert {name.rsplit(".", 1)[1] for name in names} == {"png", "pdf", "svg", "gif"}
    _, mismatch, errors = filecmp.cmpfiles(first, second, names, shallow=False)
    assert mismatch == [] and errors == []


def trained(iterations=12):
    act = ACTIVATIONS["sigmoid"]
    x = np.linspace(-5, 5, 50)
    result = train(
        init_params(np.random.default_rng(4), 6),
        x,
        np.sin(x),
        act,
        iterations,
        AdamConfig(),
        record_history=True,
    )
    return TrainedModel(result.params, result.history, result.loss, act.name, 0.01), act, x


@pytest.mark.parametrize(("iterations", "stride"), [(12, 1), (12, 5), (12, 12), (3, 7)])
def test_frames_show_every_stride_th_iteration_and_end_on_the_last(iterations, stride):
    shown = frame_iterations(iterations, stride)
    assert shown[0] == 0 and shown[-1] == iterations  # the untrained network, then the last
    assert shown.size == 1 + -(-iterations // stride)
    assert np.all(np.diff(shown) > 0) and np.all(np.diff(shown)[:-1] == stride)


def test_frame_curves_come_from_the_parameter_history():
    model, act, x = trained()
    frames = training_frames(model, act, x, stride=5)
    np.testing.assert_array_equal(frames.iteration, [0, 5, 10, 12])
    np.testing.assert_allclose(frames.curves[-1], forward(model.params, x, act), rtol=1e-12)
    for k, iteration in enumerate(frames.iteration):
        row = Params(*(h[iteration] for h in model.history))
        np.testing.assert_allclose(frames.curves[k], forward(row, x, act), rtol=1e-12)
    np.testing.assert_array_equal(frames.loss, model.loss[[0, 5, 10, 12]])


def test_gif_render_is_deterministic_and_decodes_to_its_frames(tmp_path):
    model, act, x = trained()
    frames = training_frames(model, act, x, stride=1)
    paths = [tmp_path / "a.gif", tmp_path / "b.gif"]
    for path in paths:
        render_training_gif(path, frames, np.sin(x), "sin", x, np.sin(x), "test", fps=20, dpi=40)
    assert paths[0].read_bytes() == paths[1].read_bytes()
    decoded = iio.imread(paths[0], index=None, mode="RGB")
    assert decoded.shape[0] == 13
    # browsers honour per-frame colour tables: each must be the shared palette
    tables = colour_tables(paths[0].read_bytes())
    assert len(set(tables)) == 1 and tables[0] != bytes(i // 3 for i in range(768))
    assert not (decoded[0] == decoded[-1]).all()  # the curve and counter moved


def test_decoded_frames_match_a_full_matplotlib_draw(tmp_path):
    """Blitting, glyph tiles, the shared palette and transparent deltas change nothing visible."""
    model, act, x = trained()
    frames = training_frames(model, act, x, stride=1)
    path = tmp_path / "a.gif"
    render_training_gif(path, frames, np.sin(x), "sin", x, np.sin(x), "test", fps=20, dpi=60)
    decoded = iio.imread(path, index=None, mode="RGB").astype(int)
    labels = frame_labels(frames)
    scene = TrainingScene(frames, np.sin(x), "sin", x, np.sin(x), "test", 60, len(labels[0]))
    counter_rows = scene.counter_box[0]
    for k in (0, 5, 12):
        reference = scene.draw(frames.curves[k], labels[k])[..., :3].astype(int)
        difference = np.abs(decoded[k] - reference).max(axis=-1)  # (height, width)
        # the counter's digits are stamped from tiles, a sub-pixel off matplotlib's layout
        difference[counter_rows] = 0
        assert difference.mean() < 0.5
        assert (difference > 24).mean() < 1e-3  # a few anti-aliased curve pixels at most


def small_animation():
    model, act, x = trained()
    frames = training_frames(model, act, x, stride=1)
    return animate_training(frames, np.sin(x), "sin", x, np.sin(x), "test", 20, 40)


def test_the_gif_shows_what_pillows_own_writer_shows(tmp_path):
    """write_gif puts the file together from Pillow's pieces; decoded, it is frame for frame
    and delay for delay what Pillow's multi-frame writer makes of the same animation."""
    animation = small_animation()
    ours, pillows = tmp_path / "ours.gif", tmp_path / "pillow.gif"
    write_gif(ours, animation)
    saved_by_pillow(pillows, animation, palette=animation.palette, optimize=False, disposal=1)
    a, b = (iio.imread(path, index=None, mode="RGBA") for path in (ours, pillows))
    assert a.shape == b.shape and a.shape[0] == len(animation.frames)
    assert (a == b).all()
    assert durations(ours) == durations(pillows)
    assert len(colour_tables(ours.read_bytes())) == 1  # the file's one table, none per frame
    assert ours.stat().st_size < 1.05 * pillows.stat().st_size


def test_the_animated_png_shows_what_pillows_own_writer_shows(tmp_path):
    """write_apng writes the chunks itself; Pillow decodes it, frame for frame and delay for
    delay, as the animated PNG Pillow's own writer makes of the same animation."""
    animation = small_animation()
    ours, pillows = tmp_path / "ours.png", tmp_path / "pillow.png"
    write_apng(ours, animation)
    saved_by_pillow(pillows, animation, disposal=0, blend=1)

    def decoded(path):
        with Image.open(path) as image:
            assert image.n_frames == len(animation.frames) and image.info["loop"] == 0
            shown = []
            for k in range(image.n_frames):
                image.seek(k)
                shown.append((np.asarray(image.convert("RGBA")), image.info["duration"]))
            return shown

    for (a, a_ms), (b, b_ms) in zip(decoded(ours), decoded(pillows), strict=True):
        assert (a == b).all() and a_ms == b_ms


def colour_tables(gif: bytes) -> list[bytes]:
    """Every colour table of a GIF, the global one and each frame's own, read from the bytes
    as the GIF89a specification lays them out (independently of the writer)."""
    assert gif[:6] == b"GIF89a"
    tables, at = [], 13

    def table(flags, at):
        size = 3 * 2 ** ((flags & 0x07) + 1)
        tables.append(gif[at : at + size])
        return at + size

    def skip_sub_blocks(at):
        while gif[at]:
            at += gif[at] + 1
        return at + 1

    if gif[10] & 0x80:
        at = table(gif[10], at)
    while gif[at] != 0x3B:  # trailer
        if gif[at] == 0x21:  # extension: label, then data sub-blocks
            at = skip_sub_blocks(at + 2)
        elif gif[at] == 0x2C:  # image descriptor: 9 bytes, packed flags, table, LZW data
            flags, at = gif[at + 9], at + 10
            if flags & 0x80:
                at = table(flags, at)
            at = skip_sub_blocks(at + 1)
        else:
            raise AssertionError(f"unexpected GIF block 0x{gif[at]:02x} at byte {at}")
    return tables


@pytest.mark.parametrize(("iterations", "stride", "fps"), [(1, 1, 30), (12, 50, 30), (3, 1, 1e-3)])
def test_gifs_of_few_frames_or_slow_frames_are_written(tmp_path, iterations, stride, fps):
    model, act, x = trained(iterations)
    frames = training_frames(model, act, x, stride=stride)
    path = tmp_path / "a.gif"
    render_training_gif(path, frames, np.sin(x), "sin", x, np.sin(x), "test", fps=fps, dpi=30)
    decoded = iio.imread(path, index=None, mode="RGB")
    assert decoded.shape[0] == frames.iteration.size
    expected = [min(ms, MAX_GIF_FRAME_MS) for ms in frame_durations(decoded.shape[0], fps)]
    assert expected[1:-1] == [min(1000 / fps, MAX_GIF_FRAME_MS)] * (len(expected) - 2)
    # GIF delays are whole hundredths of a second
    assert np.allclose(durations(path), expected, atol=10)


def durations(path) -> list[int]:
    """Each decoded frame's delay in ms."""
    with Image.open(path) as image:
        delays = []
        for k in range(image.n_frames):
            image.seek(k)
            delays.append(image.info["duration"])
    return delays


def test_paced_frames_follow_the_change_and_keep_both_ends():
    iteration = np.arange(1001)
    x = np.linspace(-3, 3, 100)
    # a curve that settles with a time constant of 40 iterations, then barely moves
    curves = np.exp(-iteration / 40)[:, None] * np.cos(x) + np.sin(x)
    chosen = iteration[paced(iteration, curves, 100)]
    assert chosen.size == 100 and chosen[0] == 0 and chosen[-1] == 1000
    assert np.all(np.diff(chosen) > 0)
    # most frames where most of the change is (the first 120 iterations hold 95% of it) ...
    assert np.mean(chosen <= 120) > 0.6
    # ... and the quiet rest still passes by: a frame in every tenth of the log time
    bins = np.digitize(np.log1p(chosen), np.linspace(0, np.log1p(1000), 11)[1:-1])
    assert set(bins) == set(range(10))
    # fewer frames than asked for: all of them
    assert paced(iteration[:50], curves[:50], 100).tolist() == list(range(50))


def test_frame_count_fits_the_length():
    for seconds, fps in ((8, 20), (3, 0.1), (600, 100), (5, 12.5)):
        n = frame_count(seconds, fps)
        total = sum(frame_durations(n, fps)) / 1000
        assert total <= seconds + 1e-9 and (n == 2 or seconds - total < 1 / fps)


@pytest.mark.parametrize("name", ["cos", "saw"])
def test_a_default_animation_meets_its_length_and_size_budget(tmp_path, name):
    """The article's network trained as config.yaml trains it, drawn with its gif settings:
    5 to 10 s, at most 2 MB, from iteration 0 to the last (read from the decoded file)."""
    config, gif = DEFAULT_CONFIG, DEFAULT_CONFIG["figures"]["gif"]
    settings = config["training"] | config["activations"][name]
    act = ACTIVATIONS[name]
    rng = np.random.default_rng(0)
    x_train = rng.uniform(*config["data"]["train_range"], config["data"]["n_samples"])
    y_train = np.sin(x_train) + rng.normal(0, config["data"]["noise_sd"], x_train.size)
    result = train(
        init_params(rng, settings["n_hidden"]),
        x_train,
        y_train,
        act,
        settings["iterations"],
        AdamConfig(lr=settings["lr"]),
        record_history=True,
    )
    model = TrainedModel(result.params, result.history, result.loss, name, settings["lr"])
    x = np.linspace(*config["data"]["train_range"], gif["grid_points"])
    frames = training_frames(model, act, x, gif["stride"], frame_count(gif["seconds"], gif["fps"]))
    animation = animate_training(
        frames, np.sin(x), "sin", x_train, y_train, "t", gif["fps"], gif["dpi"]
    )
    path = tmp_path / "a.gif"
    render_training_gif(
        path, frames, np.sin(x), "sin", x_train, y_train, "t", gif["fps"], gif["dpi"]
    )
    write_apng(tmp_path / "a.png", animation)
    decoded = iio.imread(path, index=None, mode="RGB").astype(int)
    assert 5 <= sum(durations(path)) / 1000 <= 10
    assert path.stat().st_size <= 2_000_000
    assert decoded.shape[0] == frame_count(gif["seconds"], gif["fps"]) < settings["iterations"]
    # the first frame is the untrained network and says so, the last the trained one
    labels = frame_labels(frames)
    assert labels[0].split()[:2] == ["iteration", "0"]
    assert labels[-1].split()[:2] == ["iteration", str(settings["iterations"])]
    scene = TrainingScene(
        frames, np.sin(x), "sin", x_train, y_train, "t", gif["dpi"], len(labels[0])
    )
    for k, iteration in ((0, 0), (-1, settings["iterations"])):
        row = Params(*(h[iteration] for h in model.history))
        label = labels[0 if k == 0 else -1]
        reference = scene.draw(forward(row, x, act), label)[..., :3].astype(int)
        assert np.abs(decoded[k] - reference).max(axis=-1).mean() < 0.5
    # the report's animated PNG, the same frames, is as small
    assert iio.imread(tmp_path / "a.png", index=None).shape[0] == decoded.shape[0]
    assert (tmp_path / "a.png").stat().st_size <= 1_500_000


def test_hidden_nodes_are_drawn_only_when_asked(tmp_path):
    model, act, x = trained()
    plain = training_frames(model, act, x, stride=1)
    nodes = training_frames(model, act, x, stride=1, hidden=True)
    assert plain.nodes is None
    # each node's curve is v_i h_i(x) of that iteration's parameters, and they sum to the output
    sums = nodes.nodes.sum(axis=-1) + model.history[3][nodes.iteration][:, None]
    np.testing.assert_allclose(sums, nodes.curves, rtol=1e-10, atol=1e-12)
    paths = [tmp_path / "plain.gif", tmp_path / "nodes.gif"]
    for path, frames in zip(paths, (plain, nodes), strict=True):
        render_training_gif(path, frames, np.sin(x), "sin", x, np.sin(x), "t", fps=20, dpi=40)
    a, b = (iio.imread(path, index=None, mode="RGB") for path in paths)
    assert a.shape == b.shape and (a != b).any()


def test_a_single_frame_gif_is_written(tmp_path):
    model, act, x = trained(1)
    frames = training_frames(model, act, x, stride=1)
    one = TrainingFrames(frames.iteration[:1], frames.loss[:1], frames.curves[:1], x)
    path = tmp_path / "a.gif"
    render_training_gif(path, one, np.sin(x), "sin", x, np.sin(x), "test", fps=30, dpi=30)
    assert iio.imread(path, index=None, mode="RGB").shape[0] == 1


def test_counter_labels_keep_one_width_when_the_loss_spans_many_digits(tmp_path):
    model, act, x = trained()
    frames = training_frames(model, act, x, stride=1)
    frames = dataclasses.replace(frames, loss=np.geomspace(3e5, 1e-3, frames.loss.size))
    labels = frame_labels(frames)
    assert len({len(label) for label in labels}) == 1
    render_training_gif(
        tmp_path / "a.gif", frames, np.sin(x), "sin", x, np.sin(x), "t", fps=20, dpi=40
    )
    assert iio.imread(tmp_path / "a.gif", index=None, mode="RGB").shape[0] == frames.loss.size


def hidden_figure(act_name, n_hidden, note=""):
    """hidden_nodes of a random network of ``n_hidden`` nodes of an activation, on the sine."""
    from nnfit.figures import article
    from nnfit.model.analysis import decompose
    from nnfit.model.targets import from_spec, target_spec

    act = ACTIVATIONS[act_name]
    params = init_params(np.random.default_rng(1), n_hidden)
    x = np.linspace(-6, 6, 1000)
    parts = decompose(params, x, act)
    target = from_spec(target_spec("sine", {}))
    with style.styled():
        fig = article.hidden_nodes(
            x, parts["contributions"], parts["c"], parts["output"], x, np.sin(x), act, target, note
        )
    return fig, params, x


def test_kinks_are_where_each_relu_node_switches_on():
    from nnfit.figures.article import kinks
    from nnfit.model.network import node_contributions

    params = init_params(np.random.default_rng(2), 30)
    x = np.linspace(-6, 6, 2001)
    rows, nodes = kinks(x, node_contributions(params, x, ACTIVATIONS["relu"]))
    closed_form = -params.b / params.w  # w x + b = 0
    inside = (closed_form > x[0]) & (closed_form < x[-1])
    assert sorted(nodes.tolist()) == np.flatnonzero(inside).tolist()
    np.testing.assert_allclose(x[rows], closed_form[nodes], atol=x[1] - x[0])
    assert kinks(x, node_contributions(params, x, ACTIVATIONS["sigmoid"]))[0].size == 0


def test_many_nodes_have_one_legend_entry_in_their_colours_and_marked_kinks():
    fig, _, _ = hidden_figure("relu", 100)
    ax = fig.axes[0]
    legend = ax.get_legend()
    texts = [t.get_text() for t in legend.get_texts()]
    assert "a node switches on (kink)" in texts and "$v_i\\,h_i$, 100 nodes" in texts
    swatch, _ = style.nodes_entry(style.node_colours(100), "nodes")  # drawn side by side
    colours = {tuple(line.get_color()) for line in swatch}  # several colours, none grey
    assert len(colours) == style.NODE_SWATCH and all(len(set(c[:3])) > 1 for c in colours)
    style.plt.close(fig)


def test_every_article_title_is_left_aligned_and_a_failed_fit_says_so():
    fig, _, _ = hidden_figure("sigmoid", 5, note="does not fit: train MSE 0.5")
    ax = fig.axes[0]
    assert ax.title.get_text() == ""  # the centred title: left empty
    assert ax._left_title.get_text().endswith("\ndoes not fit: train MSE 0.5")
    style.plt.close(fig)
    from nnfit.figures.article import fit_note
    from nnfit.model.criteria import Criteria

    criteria = Criteria(0.01, fit_factor=1.5, extrapolation_factor=5, function_factor=1)
    assert fit_note({"train_mse": 0.01, "interp_mse": 0.005}, criteria) == ""
    assert "does not fit" in fit_note({"train_mse": 0.59, "interp_mse": 0.5}, criteria)
    learnt = fit_note({"train_mse": 0.004, "interp_mse": 0.09}, criteria)
    assert learnt.startswith("learnt the noise") and "0.09" in learnt


def test_the_extrapolation_legend_sits_below_the_plot(tmp_path):
    from nnfit.figures import article
    from nnfit.model.targets import from_spec, target_spec

    x = np.linspace(-18, 18, 500)
    target = from_spec(target_spec("sine", {}))
    with style.styled():
        fig = article.extrapolation(
            x,
            2 * x,
            np.sin(x),
            (-6, 6),
            x[:10],
            np.sin(x[:10]),
            29.3,
            ACTIVATIONS["relu"],
            100,
            target,
        )
        fig.canvas.draw()
        legend = fig.legends[0].get_window_extent()
        assert legend.y1 <= fig.axes[0].get_window_extent().y0  # the line cannot cross it
        style.save_figure(fig, [tmp_path / "e.svg"], 50)
    svg = (tmp_path / "e.svg").read_text()
    assert "<text" in svg and "training range" in svg  # text kept as text: editable


def test_claims_sensitivity_rows_are_named_for_readers_and_blanks_explained():
    from nnfit.figures.summary_figures import claims_sensitivity
    from nnfit.grading.claims import CLAIMS

    ids = [claim_id for claim_id, *_ in CLAIMS]
    table = {
        "claim": ids + ids[:1],
        "setting": ["as configured"] * len(ids) + ["range [-5, 5]"],
        "verdict": ["holds"] * (len(ids) + 1),
    }
    with style.styled():
        fig = claims_sensitivity(table)
    ax = fig.axes[0]
    rows = [label.get_text() for label in ax.get_yticklabels()]
    assert len(rows) == len(ids) and not [row for row in rows if "_" in row]
    assert any("blank" in t.get_text() for t in ax.get_legend().get_texts())
    style.plt.close(fig)


def test_a_figure_given_one_path_is_written_to_that_path(tmp_path):
    """A shape figure's job names one PNG, not one path per format: the path is not read as
    a sequence of one-character paths."""
    for path in (str(tmp_path / "one.png"), tmp_path / "two.png"):
        with style.styled():
            fig, _ = style.new_figure()
            style.save_figure(fig, path, 20)
        assert Image.open(path).format == "PNG"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.png", "two.png"]


@pytest.mark.parametrize("facecolor", ["white", "none"])
def test_a_png_holds_matplotlibs_pixels_without_an_alpha_channel_it_does_not_need(
    tmp_path, facecolor
):
    """On the style's white background every pixel is opaque, so the PNG is RGB; a figure
    with transparent pixels keeps its alpha. Either way the pixels are matplotlib's own."""

    def figure():
        fig, ax = style.new_figure(figsize=(2.2, 1.3))
        ax.plot([0, 1], [0, 1], alpha=0.5)
        ax.set_title("$w_i x + b_i$")
        return fig

    with style.styled(), style.plt.rc_context({"savefig.facecolor": facecolor}):
        theirs = figure()
        theirs.savefig(tmp_path / "matplotlib.png", dpi=30)
        style.plt.close(theirs)
        style.save_figure(figure(), tmp_path / "nnfit.png", 30, config_hash="0123abcd")
    theirs, ours = Image.open(tmp_path / "matplotlib.png"), Image.open(tmp_path / "nnfit.png")
    assert ours.mode == ("RGB" if facecolor == "white" else "RGBA")
    assert theirs.mode == "RGBA"
    np.testing.assert_array_equal(np.asarray(ours.convert("RGBA")), np.asarray(theirs))
    assert ours.text == {"nnfit-config-sha256": "0123abcd"}
    assert ours.info["dpi"] == pytest.approx((30, 30), abs=0.01)


def test_a_figure_made_without_pyplot_is_rendered_at_aggs_own_size():
    figure = matplotlib.figure.Figure(figsize=(1.14, 1.0))
    figure.add_subplot().plot([0, 1], [1, 0])
    pixels = style.rendered_pixels(figure, 150)
    # 1.14 * 150 is 170.99999999999997 in Python; Agg draws 171 columns
    assert pixels.shape == (150, 171, 4) and pixels.min() < 128

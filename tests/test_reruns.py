"""What a second command redoes after a finished run, typed as a user types it in a clone:
nothing for a config that means the same, and no figure left beside in a format the config
no longer asks for."""

import pytest
import yaml
from test_commands import clone as clone  # noqa: F401 (the shared clone, a fixture)
from test_commands import tiny_config, typed

pytestmark = pytest.mark.slow  # whole runs of the workflow


def planned_jobs(run) -> str:
    """What a dry run would do: its job table, or its word that there is nothing to do."""
    assert run.returncode == 0, run.stderr
    return run.stdout + run.stderr


@pytest.fixture(scope="module")
def first_run(clone):  # noqa: F811
    """A whole run in the clone, its config.yaml in the order a person writes it (the order
    of nnfit's own config.yaml, not sorted)."""
    (clone / "config.yaml").write_text(yaml.safe_dump(tiny_config(), sort_keys=False))
    run = typed(clone, "snakemake --cores 2")
    assert run.returncode == 0, run.stderr
    return run


@pytest.fixture(scope="module")
def finished(clone, first_run):  # noqa: F811
    return clone


def test_a_whole_run_prints_a_screenful_with_its_progress_and_the_summary(clone, first_run):  # noqa: F811
    printed = (first_run.stdout + first_run.stderr).splitlines()
    progress = [line for line in printed if line.endswith(" jobs)")]
    jobs = int(progress[-1].split(" of ")[1].split()[0])
    assert jobs > 20 and progress[-1] == f"100% ({jobs} of {jobs} jobs)"
    assert len(progress) <= 11  # a line each tenth of the run: not a terminal here
    assert not [line for line in printed if line.startswith(("Finished jobid", "Execute "))]
    assert len(printed) <= 40  # a screenful, the summary included, for any number of jobs
    assert max(map(len, printed)) < 200  # no rule's inputs on one line (kilobytes before)
    assert "nnfit finished." in printed and not [line for line in printed if " INFO " in line]
    # every line is still in Snakemake's log
    log = max((clone / ".snakemake/log").glob("*.snakemake.log"))
    assert sum(line.startswith("Finished jobid") for line in log.read_text().splitlines()) == jobs


def test_a_configfile_restating_keys_in_another_order_reruns_nothing(finished):
    training = tiny_config()["training"]
    assert list(training)[:2] == ["iterations", "lr"]  # so the file below reverses them
    restated = f"training: {{lr: {training['lr']}, iterations: {training['iterations']}}}\n"
    (finished / "reordered.yaml").write_text(restated)
    run = typed(finished, "snakemake -n --configfile reordered.yaml")
    assert "Nothing to be done" in planned_jobs(run)


def test_a_config_written_by_yaml_safe_dump_reruns_nothing(finished):
    config = yaml.safe_load((finished / "config.yaml").read_text())
    (finished / "dumped.yaml").write_text(yaml.safe_dump(config))  # every key sorted
    run = typed(finished, "snakemake -n --configfile dumped.yaml")
    assert "Nothing to be done" in planned_jobs(run)


def test_a_changed_value_in_a_restated_file_still_reruns(finished):
    """The check above could pass by ignoring the file: a real change must still count."""
    iterations = tiny_config()["training"]["iterations"] + 1  # cos's lr is its own
    (finished / "changed.yaml").write_text(f"training: {{lr: 0.03, iterations: {iterations}}}\n")
    run = typed(finished, "snakemake -n --configfile changed.yaml")
    assert "train_network" in planned_jobs(run)


def test_figures_of_ones_own_target_leave_no_page_of_the_last_config(finished):
    """After a whole run of the sine, `figures` with a target of one's own: the gallery, the
    pages and the claims (all the sine's, and `figures` remakes none) are removed, not left to
    caption the new figures; the sweep's trained batches stay (each seed draws its own data:
    the article's training set is not theirs), so the sine's claims come back without
    retraining."""
    results = finished / "results"
    pages = ["index.html", "pages/claims.html", "explorer.html", "report/explorer.html"]
    pages += ["claims.md", "claims.json"]
    assert all((results / page).exists() for page in pages)
    (finished / "mine.yaml").write_text("data: {target: abs}\n")
    run = typed(finished, "snakemake --cores 2 figures --configfile mine.yaml")
    assert run.returncode == 0, run.stderr
    said = " ".join((run.stdout + run.stderr).split())  # the message's lines joined
    assert "Removed the claims and pages of an earlier run of another config" in said
    assert "results/index.html" in said
    assert not [page for page in pages if (results / page).exists()]
    assert not (results / "provenance_claims.json").exists()
    assert "gallery:" not in said and "claims:" not in said  # the summary names none
    back = typed(finished, "snakemake -n")  # the clone's own config again
    planned = planned_jobs(back)
    assert "write_claims" in planned and "write_gallery" in planned
    assert "train_sweep_batch" not in planned and "train_sweep_bundle" not in planned


def test_a_rebuilt_figure_leaves_no_format_the_config_no_longer_asks_for(finished):
    figures = finished / "results/figures"
    every_format = """'figures={"formats": ["png", "pdf", "svg"]}'"""
    run = typed(finished, f"snakemake --cores 2 figures --config {every_format}")
    assert run.returncode == 0, run.stderr
    assert {p.name for p in figures.glob("cos_hidden.*")} == {
        "cos_hidden.png",
        "cos_hidden.pdf",
        "cos_hidden.svg",
    }
    run = typed(finished, "snakemake --cores 2 figures")  # back to the default, [png]
    assert run.returncode == 0, run.stderr
    assert [p.name for p in figures.glob("cos_hidden.*")] == ["cos_hidden.png"]
    assert not [*figures.glob("*.pdf"), *figures.glob("*.svg")]
    log = (finished / "results/logs/plot_trained_network/cos.log").read_text()
    assert "cos_hidden.pdf" in log and "cos_hidden.svg" in log  # says which it removed

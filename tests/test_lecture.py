"""The lecture pack, built as a teacher types it: `snakemake --cores 4 lecture`."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from PIL import Image
from pypdf import PdfReader

from conftest import copy_repository, tiny_config

pytestmark = pytest.mark.slow  # whole runs of the workflow

SNAKEMAKE = str(Path(sys.executable).with_name("snakemake"))
COMMAND = "snakemake --cores 4 lecture"
# the article's story: the network, the data, each network's activation and nodes in the
# article's order, then the networks side by side beyond the training range, then the claims
STORY = [
    "title",
    "network",
    "data",
    "sigmoid",
    "sigmoid_nodes",
    "relu",
    "relu_nodes",
    "cos",
    "cos_nodes",
    "extrapolation",
    "nodes_claims",
    "extrapolation_claims",
]


def typed(checkout: Path, command: str) -> subprocess.CompletedProcess:
    """``command`` as typed at a shell prompt in the checkout's root."""
    return subprocess.run(
        command.replace("snakemake", SNAKEMAKE, 1),
        shell=True,
        cwd=checkout,
        capture_output=True,
        text=True,
        timeout=900,
    )


def build(checkout: Path, config: dict) -> Path:
    (checkout / "config.yaml").write_text(yaml.safe_dump(config))
    run = typed(checkout, COMMAND)
    assert run.returncode == 0, run.stderr
    return checkout / "results/lecture"


def slides(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.png"))


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def checkout(tmp_path_factory) -> Path:
    return copy_repository(tmp_path_factory.mktemp("lecture"))


@pytest.fixture(scope="module")
def lecture(checkout) -> Path:
    return build(checkout, tiny_config("sigmoid", "relu", "cos"))


def test_the_slides_are_1920_by_1080_and_tell_the_story_in_order(lecture):
    paths = slides(lecture)
    assert [p.name for p in paths] == [f"{k:02d}-{n}.png" for k, n in enumerate(STORY, 1)]
    for path in paths:
        with Image.open(path) as image:
            assert image.size == (1920, 1080), path.name


def test_the_pdf_has_each_slide_as_a_16_by_9_page_in_order(lecture):
    reader = PdfReader(lecture / "lecture.pdf")
    assert len(reader.pages) == len(STORY)
    for k, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width / height == pytest.approx(16 / 9)
        assert f"{k} / {len(STORY)}" in page.extract_text()  # each slide's number


def test_the_handout_is_one_page(lecture):
    assert len(PdfReader(lecture / "handout.pdf").pages) == 1


def test_the_numbers_on_the_slides_are_those_of_the_run(lecture, checkout):
    texts = dict(zip(STORY, page_texts(lecture / "lecture.pdf"), strict=True))
    for name in ("sigmoid", "relu", "cos"):
        metrics = json.loads((checkout / f"results/metrics/{name}.json").read_text())
        assert f"train MSE {metrics['train_mse']:.2g}" in texts[f"{name}_nodes"]
        assert f"{metrics['n_hidden']} hidden nodes" in texts[name]
        assert f"MSE {metrics['extrap_mse']:.2g} beyond" in texts["extrapolation"]
    claims = json.loads((checkout / "results/claims.json").read_text())
    verdicts = {claim["id"]: claim["verdict"] for claim in claims}
    assert verdicts["cos_fits_3"] in texts["nodes_claims"]
    assert verdicts["cos_extrapolates"] in texts["extrapolation_claims"]


def test_rebuilding_gives_the_same_bytes(lecture, checkout):
    before = {path.name: path.read_bytes() for path in lecture.iterdir()}
    shutil.rmtree(lecture)
    run = typed(checkout, COMMAND)
    assert run.returncode == 0, run.stderr
    assert {path.name: path.read_bytes() for path in lecture.iterdir()} == before
    assert "Nothing to be done" in typed(checkout, COMMAND).stderr


def test_a_config_without_relu_builds_without_its_slides(lecture, checkout):
    folder = build(checkout, tiny_config("sigmoid", "cos"))
    story = [name for name in STORY if not name.startswith("relu")]
    assert [p.name for p in slides(folder)] == [f"{k:02d}-{n}.png" for k, n in enumerate(story, 1)]
    texts = page_texts(folder / "lecture.pdf")
    assert len(texts) == len(story)
    assert not [text for text in texts if "ReLU network" in text or "ReLU:" in text]

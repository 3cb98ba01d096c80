"""The GitHub workflow that builds the figures (.github/workflows/figures.yml) runs the
README's commands, with pinned actions and a read-only token; zizmor audits it in CI."""

import re

import yaml

from conftest import REPO

WORKFLOW = REPO / ".github/workflows/figures.yml"


def steps() -> list[dict]:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    (job,) = workflow["jobs"].values()
    return job["steps"]


def test_it_runs_the_commands_the_readme_shows():
    readme = (REPO / "README.md").read_text()
    commands = [step["run"] for step in steps() if "run" in step]
    assert commands == ["pip install -r requirements.txt", "snakemake --cores 4 artifacts"]
    for command in commands:
        assert command in readme, f"README does not show {command!r}"


def test_every_action_is_pinned_to_a_commit():
    for step in steps():
        if "uses" in step:
            assert re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    # the version each SHA stands for, for a reader updating it
    assert all(
        re.search(r"@[0-9a-f]{40} # v\d", line)
        for line in WORKFLOW.read_text().splitlines()
        if "uses:" in line
    )


def test_the_token_can_only_read_and_the_zip_must_exist():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    assert workflow["permissions"] == {"contents": "read"}
    upload = next(step for step in steps() if "upload-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "results/nnfit-figures.zip"
    assert upload["with"]["if-no-files-found"] == "error"
    checkout = next(step for step in steps() if "checkout" in step.get("uses", ""))
    assert checkout["with"]["persist-credentials"] is False

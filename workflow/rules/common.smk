import re
import sys
from pathlib import Path

import yaml
from snakemake.utils import validate

sys.path.insert(0, str(Path(workflow.basedir) / "scripts"))
from nnfit.config import check_config

SCHEMA = "../schemas/config.schema.yaml"

check_config(
    config,
    yaml.safe_load((Path(workflow.current_basedir) / SCHEMA).read_text()),
    source=", ".join(workflow.configfiles) or "the config",
)
validate(config, SCHEMA)  # fills in the schema's defaults

ACTIVATIONS = list(config["activations"])


wildcard_constraints:
    activation="|".join(map(re.escape, ACTIVATIONS)),


def get_training_params(wildcards):
    """The training settings of one network: the defaults, then its own overrides."""
    training = config["training"] | config["activations"][wildcards.activation]
    return {"seed": config["seed"], **training}


def get_final_outputs():
    return [
        *expand("results/models/{activation}.npz", activation=ACTIVATIONS),
        *expand("results/analysis/{activation}_hidden.npz", activation=ACTIVATIONS),
        *expand(
            "results/analysis/{activation}_extrapolation.npz", activation=ACTIVATIONS
        ),
        *expand("results/metrics/{activation}.json", activation=ACTIVATIONS),
    ]

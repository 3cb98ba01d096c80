"""Rule render_lecture: the slides, their PDF and the handout, from the saved artifacts."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

import json  # noqa: E402
from pathlib import Path  # noqa: E402

from nnfit.figures import lecture  # noqa: E402
from nnfit.model.activations import get_activation  # noqa: E402
from nnfit.model.artifacts import ArtifactError, load_json, load_npz  # noqa: E402
from nnfit.model.targets import from_spec  # noqa: E402

i, p = snakemake.input, snakemake.params
data = load_npz(i.data, required=("x", "y"))
networks = {
    name: lecture.Network(
        get_activation(name, **parameters),
        load_npz(hidden, required=("x", "contributions", "c", "output")),
        load_npz(curve, required=("x", "output", "truth", "train_range")),
        load_json(metrics, required=lecture.METRICS),
    )
    for name, parameters, hidden, curve, metrics in zip(
        p.networks, p.parameters, i.hidden, i.curves, i.metrics, strict=True
    )
}
try:
    claims = json.loads(Path(i.claims).read_text())
except ValueError as err:
    raise ArtifactError(f"{i.claims}: not valid JSON ({err})") from None
stale = lecture.write_lecture(
    lecture.Lecture(
        data["x"],
        data["y"],
        tuple(p.train_range),
        p.noise_sd,
        from_spec(p.target),
        networks,
        claims,
    ),
    snakemake.output.slides,
    snakemake.output.pdf,
    snakemake.output.handout,
)
log.info("wrote %d slides, %s and %s", len(snakemake.output.slides), *snakemake.output[-2:])
if stale:
    log.info("removed slides of an earlier config: %s", ", ".join(map(str, stale)))

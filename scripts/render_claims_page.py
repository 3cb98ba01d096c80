"""Rule render_claims_page: the claims as a page, plain answers first, claims.md folded below."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

import json  # noqa: E402
from pathlib import Path  # noqa: E402

from nnfit.publish.pages import claims_page, write_page  # noqa: E402

text = Path(snakemake.input.claims).read_text(encoding="utf-8")
found = json.loads(Path(snakemake.input.json).read_text(encoding="utf-8"))
write_page(snakemake.output[0], claims_page(found, text))
log.info("wrote %s", snakemake.output[0])

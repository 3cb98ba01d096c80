"""Rule render_claims_page: claims.md as an HTML page."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from pathlib import Path  # noqa: E402

from nnfit.publish.pages import claims_page, write_page  # noqa: E402

text = Path(snakemake.input.claims).read_text(encoding="utf-8")
write_page(snakemake.output[0], claims_page(text))
log.info("wrote %s", snakemake.output[0])

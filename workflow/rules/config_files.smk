# config.yaml read strictly before the configfile directive merges it: a YAML error named
# with its line and column, a key given twice with both lines (nnfit.publish.config). The
# --configfile files are read by Snakemake before the Snakefile; common.smk rereads them.
import sys
from pathlib import Path

sys.path.insert(0, str(Path(workflow.basedir) / "scripts"))
from nnfit.publish.config import read_config_file

if Path("config.yaml").exists():
    read_config_file("config.yaml")

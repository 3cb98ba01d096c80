"""nnfit: what a one-hidden-layer network does to fit a curve, measured and drawn.

Packages in layers, each importing only those below it (checked by import-linter):
plan, then publish | figures, grading, experiments, model. Nothing here imports Snakemake.
"""

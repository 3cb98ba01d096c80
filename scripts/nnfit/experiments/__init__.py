"""Experiments that train many networks: the seed sweep, the causal interventions, the shape
match, the Fourier fits and Snake in its authors' setting. Imports only nnfit.model.
"""

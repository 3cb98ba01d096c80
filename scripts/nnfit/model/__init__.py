"""The network and what it is made of: activations, forward pass, training, data, targets,
stored artifacts, and what can be read off a trained network. Imports nothing else of nnfit.
"""

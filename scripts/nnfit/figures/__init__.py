"""Every picture: the style in one place, the article's static figures, the network diagram,
the training animations and the sweep's figures. Imports grading, experiments and model.
"""

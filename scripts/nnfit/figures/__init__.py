"""Every picture: the style in one place, the article's static figures, the network diagram,
the training animations, the sweep's figures and the lecture's slides. Imports grading,
experiments and model.
"""

"""Which slides the lecture has, in order, for a config's networks (nnfit.figures.lecture
draws them). Apart from the drawing so that the plan reads it without importing matplotlib."""

STORY = ("sigmoid", "relu", "cos")  # the article's networks, in its order

# The measured claims the last two slides quote, by heading, in the article's order
# (nnfit.grading.claims); a claim the config's sweep does not grade is left out.
QUOTED_CLAIMS = {
    "nodes_claims": (
        "How many nodes? Measured over many seeds",
        ("sigmoid_nodes", "relu_needs_100", "cos_fits_3"),
    ),
    "extrapolation_claims": (
        "Extrapolation and shape, measured",
        ("no_extrapolation", "cos_extrapolates", "shape_matters"),
    ),
}


def story(activations) -> list[str]:
    """The article's networks among ``activations``, in the article's order."""
    return [name for name in STORY if name in activations]


def slide_names(activations) -> list[str]:
    """Every slide, in the story's order, for a config with these activations: a network
    the config does not train has no slides."""
    networks = story(activations)
    names = ["title", "network", "data"]
    for name in networks:
        names += [name, f"{name}_nodes"]
    return names + (["extrapolation"] if networks else []) + list(QUOTED_CLAIMS)

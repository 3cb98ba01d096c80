"""Pillow's own multi-frame writers, the reference nnfit's GIF and animated-PNG writers
(nnfit.figures.gif) are checked against in tests/test_figures.py and timed beside in
bench/job_overhead.py."""

from PIL import Image


def saved_by_pillow(path, animation, **options) -> None:
    """The animation as Pillow's own multi-frame writer saves it (the format from the path)."""
    first, *rest = (Image.fromarray(indices) for indices in animation.frames)
    for image in (first, *rest):
        image.putpalette(animation.palette)
    first.save(
        path,
        save_all=True,
        append_images=rest,
        duration=animation.durations,
        loop=0,
        transparency=255,
        **options,
    )

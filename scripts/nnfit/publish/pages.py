"""HTML pages for readers: the claims table as a page of its own (the Snakemake report
shows HTML inline, not Markdown), and the gallery of every figure in the article's order."""

import html
from dataclasses import dataclass
from pathlib import Path

import markdown

from nnfit.model.artifacts import atomic_path

_STYLE = """
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #262626;
       margin: 1.5em auto; max-width: 60em; padding: 0 1em; line-height: 1.45; }
/* a tall figure (the network diagram) still fits the screen */
img { max-width: 100%; max-height: 90vh; width: auto; height: auto; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.92em; }
th, td { border: 1px solid #d0d7de; padding: 0.35em 0.6em; text-align: left;
         vertical-align: top; }
th { background: #f2f4f7; }
figure { margin: 1.2em 0 2em; }
figcaption { color: #555; font-size: 0.92em; }
h2 { border-bottom: 1px solid #d0d7de; padding-bottom: 0.2em; margin-top: 2em; }
"""


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def markdown_html(text: str) -> str:
    """Markdown with pipe tables (claims.md) as an HTML fragment."""
    return markdown.markdown(text, extensions=["tables"], output_format="html")


def claims_page(claims_markdown: str) -> str:
    return _page("What the article claims, measured", markdown_html(claims_markdown))


@dataclass(frozen=True)
class Figure:
    path: str  # relative to the gallery page
    caption: str


@dataclass(frozen=True)
class Section:
    title: str
    figures: list[Figure]
    html_before: str = ""  # e.g. the claims table, above the section's figures


def gallery_page(
    title: str, intro: str, sections: list[Section], pages: tuple[Figure, ...] = ()
) -> str:
    """Every section in order; images are linked, not inlined, so the page stays small.
    ``pages`` (the explorer) are linked under the introduction, each with its caption."""
    parts = [f"<h1>{html.escape(title)}</h1>", f"<p>{html.escape(intro)}</p>"]
    parts += [
        f'<p><a href="{html.escape(page.path)}"><strong>{html.escape(page.caption)}'
        "</strong></a></p>"
        for page in pages
    ]
    parts.append(
        "<ul>"
        + "".join(
            f'<li><a href="#section-{k}">{html.escape(s.title)}</a></li>'
            for k, s in enumerate(sections)
        )
        + "</ul>"
    )
    for k, section in enumerate(sections):
        parts.append(f'<h2 id="section-{k}">{html.escape(section.title)}</h2>')
        parts.append(section.html_before)
        for figure in section.figures:
            parts.append(
                f'<figure><a href="{html.escape(figure.path)}">'
                f'<img src="{html.escape(figure.path)}" alt="{html.escape(figure.caption)}" '
                'loading="lazy"></a>'
                f"<figcaption>{html.escape(figure.caption)}</figcaption></figure>"
            )
    return _page(title, "\n".join(part for part in parts if part))


def write_page(path, text: str) -> None:
    with atomic_path(path) as tmp:
        Path(tmp).write_text(text, encoding="utf-8")

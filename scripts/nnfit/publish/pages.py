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
.claim { border-top: 1px solid #d0d7de; padding: 0.9em 0 0.4em; }
.answer { font-size: 1.15em; margin: 0 0 0.5em; }
.badge { display: inline-block; min-width: 7.5em; padding: 0.15em 0.6em; margin-right: 0.6em;
         border-radius: 1em; color: #fff; font-weight: bold; font-size: 0.85em;
         text-align: center; vertical-align: 0.1em; }
blockquote { margin: 0.3em 0 0.5em 1.2em; padding-left: 0.8em; border-left: 3px solid #d0d7de;
             color: #444; font-style: italic; }
details { margin: 0.3em 0 0.6em; }
summary { cursor: pointer; color: #0969da; }
details p { margin: 0.5em 0 0.5em 1.2em; }
"""

# verdict badges: colour-blind-safe contrasts on white text, a legend repeats them in words
VERDICT_COLOURS = {
    "holds": "#1a7f37",
    "partly holds": "#9a6700",
    "does not hold": "#cf222e",
    "borderline": "#57606a",
    "not graded": "#8c959f",
}


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


def _badge(verdict: str) -> str:
    colour = VERDICT_COLOURS.get(verdict, "#57606a")
    return f'<span class="badge" style="background:{colour}">{html.escape(verdict)}</span>'


def _claim_section(claim: dict) -> str:
    """A claim as a reader meets it: verdict and one plain sentence, the article's words,
    then how it was measured, folded."""
    answer = claim.get("plain") or claim["evidence"]
    parts = [f'<section class="claim" id="claim-{html.escape(claim["id"])}">']
    parts.append(f'<p class="answer">{_badge(claim["verdict"])}{html.escape(answer)}</p>')
    if claim.get("article"):
        parts.append(f"<blockquote>\u201c{html.escape(claim['article'])}\u201d</blockquote>")
    details = [f"<b>The claim, in our words:</b> {html.escape(claim['claim'])}"]
    details.append(f"<b>Measured:</b> {html.escape(claim['evidence'])}")
    if claim.get("depends_on"):
        details.append(f"<b>Depends on:</b> {html.escape(claim['depends_on'])}")
    parts.append(
        "<details><summary>How it was measured</summary>"
        + "".join(f"<p>{d}</p>" for d in details)
        + "</details></section>"
    )
    return "\n".join(parts)


def claims_page(claims: list[dict], claims_markdown: str) -> str:
    """Each claim with a coloured verdict and one plain sentence, the statistics folded
    underneath; then claims.md in full (every interval, typicality, one draw's spread)."""
    legend = " ".join(_badge(v) for v in VERDICT_COLOURS)
    body = [
        "<h1>What the article claims, measured</h1>",
        "<p>Each claim of the article, graded over many trained networks. The badge gives the "
        "verdict, the sentence what was measured, and the quotation the article's own words; "
        "open <i>How it was measured</i> for the statistics. <i>Borderline</i> means the seeds "
        "cannot tell the verdict apart from its neighbour.</p>",
        f'<p class="legend">{legend}</p>',
        *(_claim_section(claim) for claim in claims),
        "<details><summary>The full table, with every interval</summary>",
        markdown_html(claims_markdown),
        "</details>",
    ]
    return _page("What the article claims, measured", "\n".join(body))


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

"""The claims page as a reader meets it: a verdict badge and one plain sentence per claim,
the article's words, the statistics folded underneath, the full table last."""

from html.parser import HTMLParser

from nnfit.publish.pages import VERDICT_COLOURS, claims_page

CLAIMS = [
    {
        "id": "cos_fits_3",
        "claim": "A cosine network fits reliably with just 3 nodes.",
        "evidence": "98% (95% CI 90%-100%) of 50 seeds fit with 3 nodes.",
        "verdict": "borderline",
        "numbers": {},
        "plain": "49 of 50 cos networks with 3 nodes fit.",
        "article": "I can get pretty reliably results with just 3 nodes.",
        "depends_on": "robust",
    },
    {
        "id": "snake",
        "claim": "Beyond the article: Snake <lets> a network extrapolate.",
        "evidence": "Not graded: none fit.",
        "verdict": "not graded",
        "numbers": {},
        "plain": "",
        "article": "",
        "depends_on": "",
    },
]


class Outline(HTMLParser):
    """The page's claim sections: for each, its badge text and colour and what follows."""

    def __init__(self):
        super().__init__()
        self.claims, self.stack, self.tables_in_details = [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.stack.append(tag)
        if tag == "section" and attrs.get("class") == "claim":
            self.claims.append({"id": attrs["id"], "badge": "", "colour": "", "text": ""})
        elif tag == "span" and attrs.get("class") == "badge" and "section" in self.stack:
            self.claims[-1]["colour"] = attrs["style"].removeprefix("background:")
        elif tag == "table" and "details" in self.stack and "section" not in self.stack:
            self.tables_in_details += 1

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        if self.claims and "section" in self.stack:
            key = "badge" if self.stack[-1] == "span" else "text"
            self.claims[-1][key] += data


def test_each_claim_shows_its_verdict_its_plain_answer_and_the_articles_words():
    page = claims_page(CLAIMS, "| claim | verdict |\n| --- | --- |\n| a | b |\n")
    outline = Outline()
    outline.feed(page)
    assert [c["id"] for c in outline.claims] == ["claim-cos_fits_3", "claim-snake"]
    first, second = outline.claims
    assert first["badge"] == "borderline" and first["colour"] == VERDICT_COLOURS["borderline"]
    assert first["text"].lstrip().startswith("49 of 50 cos networks with 3 nodes fit.")
    assert "\u201cI can get pretty reliably results with just 3 nodes.\u201d" in first["text"]
    # no plain sentence: the evidence stands in; text is escaped, never markup
    assert second["text"].lstrip().startswith("Not graded: none fit.")
    assert "<lets>" in second["text"] and "<lets>" not in page
    assert outline.tables_in_details == 1  # claims.md in full, folded at the end


def test_every_verdict_has_its_own_colour():
    assert len(set(VERDICT_COLOURS.values())) == len(VERDICT_COLOURS)
    assert set(VERDICT_COLOURS) == {
        "holds",
        "partly holds",
        "does not hold",
        "borderline",
        "not graded",
    }

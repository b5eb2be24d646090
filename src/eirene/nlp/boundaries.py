"""Sentence boundaries the parser cannot see: line breaks and datelines.

News text puts the headline, the dateline and the lead on separate lines
("Pakistan protests drone strike\\n\\nISLAMABAD, May 23, 2016 — Pakistan ...").
The statistical parser happily joins them into one sentence, so an event's
evidence would carry the headline. This component runs before the parser and
marks a sentence start after every line break and after a dateline's dash or
colon; the parser keeps those and decides the rest.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "eirene_boundaries"
DATELINE_ENDS = frozenset({"—", "–", "--", ":", "-"})
# A plain hyphen ends a dateline only with spaces around it ("KABUL, May 2 - ..."), never
# inside a word ("two-day").
SPACED_ONLY = frozenset({"-", "–"})
MONTHS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
    "july august september october november december".split()
)
MAX_DATELINE_TOKENS = 12


@Language.component(COMPONENT)
def mark_boundaries(doc: Doc) -> Doc:
    """Sentence starts after line breaks and after a dateline at the start of a line."""
    line_start = True
    line_position = 0
    for token in doc:
        if token.is_space:
            if "\n" in token.text:
                line_start = True
                line_position = 0
            continue
        if line_start and token.i > 0:
            token.is_sent_start = True
        if line_start:
            line_position = 0
        line_start = False
        line_position += 1
        if token.text in DATELINE_ENDS and line_position <= MAX_DATELINE_TOKENS and token.i + 1 < len(doc):
            spaced = token.i > 0 and bool(doc[token.i - 1].whitespace_) and bool(token.whitespace_)
            if (token.text not in SPACED_ONLY or spaced) and _looks_like_dateline(doc, token.i):
                following = doc[token.i + 1]
                if not following.is_space and not following.is_punct:
                    following.is_sent_start = True
        if token.i + 1 < len(doc) and "\n" in token.whitespace_:
            line_start = True
    return doc


def _looks_like_dateline(doc: Doc, end: int) -> bool:
    """A short run at a line start with an upper-case place or a number: "KABUL, May 22 —"."""
    start = end
    while start > 0 and not doc[start - 1].is_space and "\n" not in doc[start - 1].whitespace_:
        start -= 1
    words = [t for t in doc[start:end] if not t.is_punct]
    if not words or not (words[0].is_upper or words[0].is_title):
        return False
    # Only names, numbers and month words: "KABUL, May 22, 2016", "Moscow, 9 November 2018",
    # "ISLAMABAD (Reuters)". Any lower-case word means a sentence, not a dateline.
    if any(not (t.is_upper or t.is_title or t.like_num or t.lower_.rstrip(".") in MONTHS) for t in words):
        return False
    has_date = any(t.like_num or t.lower_.rstrip(".") in MONTHS for t in words)
    has_caps_place = any(t.is_upper and t.is_alpha and len(t) > 2 for t in words)
    return has_date or has_caps_place

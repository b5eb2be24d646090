"""Splitting long documents for parsing, keeping offsets into the whole text."""

from __future__ import annotations


def split_into_chunks(text: str, limit: int) -> list[tuple[int, str]]:
    """Paragraph-aligned pieces of at most `limit` characters, with their offsets.

    spaCy's parser needs memory in proportion to the text; a 20 MB document is coded
    piece by piece. Offsets let every event point back into the whole text.
    """
    if len(text) <= limit:
        return [(0, text)]
    chunks: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            cut = text.rfind("\n\n", start, end)
            if cut <= start:
                cut = text.rfind("\n", start, end)
            if cut <= start:
                cut = text.rfind(". ", start, end)
            end = cut + 1 if cut > start else end
        chunks.append((start, text[start:end]))
        start = end
    return chunks

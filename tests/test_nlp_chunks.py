"""Long documents are parsed in paragraph-aligned chunks whose offsets add up."""

from __future__ import annotations

from eirene.nlp.chunks import split_into_chunks


def test_short_text_is_one_chunk():
    assert split_into_chunks("Kabul, May 1: talks resumed.", 1000) == [(0, "Kabul, May 1: talks resumed.")]


def test_chunks_cover_the_text_exactly_and_cut_at_paragraphs():
    paragraphs = [f"Paragraph {n} says the envoy met officials in Doha." for n in range(200)]
    text = "\n\n".join(paragraphs)
    chunks = split_into_chunks(text, 1000)
    assert len(chunks) > 5
    assert "".join(piece for _, piece in chunks) == text
    for offset, piece in chunks:
        assert text[offset:offset + len(piece)] == piece
        assert len(piece) <= 1000
    assert all(piece.endswith("\n") for _, piece in chunks[:-1])


def test_text_without_paragraphs_still_splits():
    text = "word " * 5000
    chunks = split_into_chunks(text, 700)
    assert "".join(piece for _, piece in chunks) == text

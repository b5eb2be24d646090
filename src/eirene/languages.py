"""Which language a text is in, and whether eirene codes that language.

Why: the parser, the actor aliases and the verb lexicons are English; a German article
run through them yields no events at best and wrong ones at worst. A document in
another language is stored with its language and reported as not coded, so the
analyst sees it was found and why it holds no events.

Identification is py3langid (a modernised langid.py, its model shipped in the package:
nothing is downloaded), loaded once, on first use.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: The languages the coder reads.
CODED_LANGUAGES: frozenset[str] = frozenset({"en"})
#: Below this many letters the identifier is guessing; the page's declared language wins.
MIN_LETTERS = 60
#: The identifier reads this much of the text: enough to be sure, and fast.
SAMPLE_CHARS = 4000
#: Below this confidence the page's declared language, if any, is taken instead.
MIN_CONFIDENCE = 0.6


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify_language(text: str, declared: str | None = None) -> str | None:
    """The ISO 639-1 code of the language `text` is written in, or None when unknown.

    text (str): the article's main text.
    declared (str | None): what the page says (`<html lang="de-AT">`), used when the
        text is too short, or the identifier unsure, to tell.
    RETURNS (str | None): e.g. "en", "de".
    """
    declared_code = _base_code(declared)
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return declared_code
    code, confidence = _identifier().classify(sample)
    if confidence < MIN_CONFIDENCE and declared_code is not None:
        return declared_code
    return str(code)


def is_coded(language: str | None) -> bool:
    """Whether a document in `language` is coded (None: not identified, taken as English)."""
    return language is None or language in CODED_LANGUAGES


def not_coded_reason(language: str | None) -> str | None:
    """Why a document in `language` is not coded, in words; None when it is coded."""
    if is_coded(language):
        return None
    return f"in language '{language}'; eirene codes {', '.join(sorted(CODED_LANGUAGES))} only"


def _base_code(tag: str | None) -> str | None:
    """ "de-AT" -> "de"; None or a blank tag -> None."""
    if not tag or not tag.strip():
        return None
    return tag.strip().replace("_", "-").split("-")[0].lower() or None

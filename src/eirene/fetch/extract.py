"""A fetched page to a Document: trafilatura's main text, title, author, date, outlet
and the language the text is in.

The document's id and url are the page's final address (after redirects), so every
link that leads to one article makes one document. Its date comes from the same rules
as a file's (eirene.corpus: labels, bylines, datelines first, then the page's
metadata, then the date the feed gave).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import trafilatura
from lxml import html as lxml_html

from eirene.corpus.options import ReadOptions, dated
from eirene.corpus.text import binary_reason, normalise_newlines
from eirene.fetch.outcomes import Failure, Page, failure
from eirene.languages import identify_language
from eirene.records import Document

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: A main text shorter than this is navigation or a teaser, not an article.
MIN_TEXT_CHARS = 200
_OPTIONS = ReadOptions()


def page_document(page: Page, *, listed_date: str | None = None) -> Document | Failure:
    """The article on `page`, or E126 (not HTML) / E128 (no text extracted).

    listed_date (str | None): the date the feed or sitemap gave, used when the page
        itself gives none.
    """
    refused = _not_html(page)
    if refused is not None:
        return refused
    try:
        extracted = trafilatura.bare_extraction(page.body, url=page.final_url, with_metadata=True,
                                                include_comments=False, favor_precision=True)
    except Exception:  # trafilatura raises assorted lxml errors on broken markup
        extracted = None
    text = normalise_newlines(extracted.text or "").strip() if extracted is not None else ""
    if len(text) < MIN_TEXT_CHARS:
        found = f"{len(text)} characters of text" if text else "no main text"
        return failure("E128", page.url, final_url=page.final_url, status=page.status, reason=found)
    assert extracted is not None
    return Document(
        id=page.final_url, text=text, title=extracted.title or None, url=page.final_url,
        source=extracted.sitename or urlsplit(page.final_url).hostname, author=extracted.author or None,
        language=identify_language(text, _declared_language(page.body)),
        **dated(text, _OPTIONS, meta_date=extracted.date or listed_date),
    )


def _not_html(page: Page) -> Failure | None:
    """E126 for a body that is not a web page: a declared non-HTML type, or binary bytes."""
    kind = page.content_type
    binary = binary_reason(page.body[:8192])
    if binary is not None:
        return failure("E126", page.url, final_url=page.final_url, status=page.status, what=binary,
                       reason=binary)
    if kind in HTML_TYPES:
        return None
    if kind is None or kind == "application/octet-stream":
        head = page.body[:2048].lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<p>" in head:
            return None
    what = f"'{kind}'" if kind else "of no declared type and does not look like HTML"
    return failure("E126", page.url, final_url=page.final_url, status=page.status, what=what,
                   reason=kind or "unknown type")


def _declared_language(body: bytes) -> str | None:
    """The `<html lang="...">` of the page, if any."""
    try:
        root = lxml_html.document_fromstring(body[:65536])
    except Exception:  # lxml rejects some broken or empty markup
        return None
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    return lang or None

"""The coder: `code(document) -> DocResult`, pure given the loaded models and knowledge.

Why one object: loading spaCy, the actor knowledge base, the lexicon and the place
gazetteer takes seconds; a `Coder` loads them once and then codes any number of
documents, in this process or in a pool of forked processes that share the loaded
models (`workers`).
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc

from eirene.actors import ActorCoder
from eirene.actors.entries import UNDATED
from eirene.actors.kb import KnowledgeBase
from eirene.actors.speakers import DiscourseWords, Transcript
from eirene.config import CodingConfig, default_config_dir
from eirene.dates import latest_date_in_text
from eirene.errors import EireneError
from eirene.events.arguments import MentionIndex
from eirene.events.classifier import EventClassifier
from eirene.events.coder import EventCoder
from eirene.events.discourse import EventDescriptions
from eirene.events.lexicon import Lexicon
from eirene.events.living import drop_the_dead
from eirene.events.mentions import headline_end, merge_repeated
from eirene.events.rebuttal import answer_accusations
from eirene.gazetteer import Gazetteer
from eirene.nlp import load_nlp, model_label
from eirene.nlp.chunks import split_into_chunks
from eirene.records import ActorRef, DocFailure, DocResult, Document, Event, SentenceNote

log = logging.getLogger(__name__)
OnError = Literal["raise", "record"]


@dataclass(frozen=True)
class Explanation:
    """Everything `eirene explain` shows for one text: parse, actors, events, reasons."""

    text: str
    tokens: list[dict]
    actors: list[ActorRef]
    events: list[Event]
    notes: list[SentenceNote]


class Coder:
    """Codes documents into events. Build once, use for many documents.

    config (CodingConfig): model name, user knowledge files, batching.
    nlp / kb / lexicon / gazetteer: already-loaded parts, to share them (tests, servers).
    """

    def __init__(
        self,
        config: CodingConfig | None = None,
        *,
        nlp: Language | None = None,
        kb: KnowledgeBase | None = None,
        lexicon: Lexicon | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.config = config or CodingConfig()
        self.nlp = nlp if nlp is not None else load_nlp(self.config.model)
        config_dir = Path(self.config.config_dir) if self.config.config_dir else default_config_dir()
        self.kb = kb if kb is not None else KnowledgeBase.load(self.config.actor_files, config_dir=config_dir / "actors")
        self.lexicon = lexicon if lexicon is not None else Lexicon.load(self.config.lexicon_files)
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.load()
        self.actor_coder = ActorCoder(self.kb, gazetteer=self.gazetteer)
        classifier = EventClassifier.load(self.config.classifier_path) if self.config.use_classifier else None
        deaths = self.kb.death_dates()
        self.deaths = deaths
        self.discourse = DiscourseWords.load()
        self.event_descriptions = EventDescriptions.load()
        self.event_coder = EventCoder(
            self.lexicon, self.gazetteer, modifier=self.actor_coder.country_modifier, classifier=classifier, deaths=deaths
        )

    @property
    def model(self) -> str:
        return model_label(self.nlp)

    # -- one document -----------------------------------------------------------

    def code(self, document: Document) -> DocResult:
        """Code one document (parses it here). RETURNS (DocResult)."""
        chunks = split_into_chunks(document.text, self.config.chunk_chars)
        docs = [self.nlp(text) for _, text in chunks]
        return self._code_parsed(document, [(offset, doc) for (offset, _), doc in zip(chunks, docs)])

    def code_text(self, text: str, date: str | None = None, doc_id: str = "text") -> list[Event]:
        """Code a bare text, dated `date` (ISO), and return its events."""
        document = Document(id=doc_id, text=text, date=date, date_precision="day" if date else "unknown")
        return list(self.code(document).events)

    def _code_parsed(self, document: Document, parsed: list[tuple[int, Doc]]) -> DocResult:
        events: list[Event] = []
        notes: list[SentenceNote] = []
        sentences = 0
        actor_date, dating = actor_dating(document)
        chunk_mentions, transcript = self._mentions(document, parsed, actor_date)
        for (offset, doc), mentions in zip(parsed, chunk_mentions):
            chunk_events, chunk_notes, count = self.event_coder.code_doc(
                doc,
                mentions,
                doc_id=document.id,
                pub_date=document.date,
                pub_precision=document.date_precision,
                char_offset=offset,
                sentence_offset=sentences,
            )
            events.extend(self._with_described_events(document, doc, mentions, events, chunk_events, offset, sentences))
            notes.extend(chunk_notes)
            sentences += count
        if transcript:
            events = transcript.attribute(events)
        events = answer_accusations(events)
        merged = merge_repeated(drop_the_dead(events, self.deaths), headline_end(document.text, document.title))
        return DocResult(document=document, events=tuple(merged), sentences=sentences, notes=tuple(notes),
                         actor_date=None if actor_date == UNDATED else actor_date, actor_dating=dating)

    def _mentions(self, document: Document, parsed: list[tuple[int, Doc]],
                  actor_date: str) -> tuple[list[list[ActorRef]], Transcript]:
        """Each chunk's actor mentions (chunk offsets), and the document's transcript turns:
        in a transcript the turns' "I", "we" and "you" name their speakers, and the labels
        are no actors. actor_date: the date actors are coded on (see `actor_dating`)."""
        chunk_mentions = [self.actor_coder.code_doc(doc, actor_date) for _, doc in parsed]
        everywhere = [_moved(m, offset) for (offset, _), found in zip(parsed, chunk_mentions) for m in found]
        transcript = Transcript(document.text, everywhere, self.discourse, document.date, self.deaths)
        if not transcript:
            return chunk_mentions, transcript
        states = {ref.country: self._state_ref(ref.country) for ref in transcript.speakers.values() if ref.country}
        pointed = transcript.pointing_mentions(everywhere, {k: v for k, v in states.items() if v is not None})
        return [[_moved(m, -offset) for m in pointed if offset <= (m.start or 0) < offset + len(doc.text)]
                for offset, doc in parsed], transcript

    def _with_described_events(self, document: Document, doc: Doc, mentions: list[ActorRef], before: list[Event],
                               chunk_events: list[Event], offset: int, first_sentence: int) -> list[Event]:
        """The chunk's events, with the sentences that name an earlier event by a definite
        description ("the talks") coded again, the description standing for that event's
        parties (eirene.events.discourse); a sentence that then gives nothing keeps its events."""
        lent = self.event_descriptions.mentions(doc, [*before, *chunk_events], mentions, first_sentence)
        if not lent:
            return chunk_events
        added = [ref for refs in lent.values() for ref in refs]
        everyone = sorted([*mentions, *added], key=lambda m: (m.start or 0, m.end or 0))
        index = MentionIndex(doc, everyone, self.event_coder.lexicon.roles, self.event_coder.modifier)
        sentences = list(doc.sents)
        out = [e for e in chunk_events if e.sentence_index not in lent]
        for number in lent:
            coding = self.event_coder.code_sentence(
                sentences[number - first_sentence], index, doc_id=document.id, sentence_index=number,
                pub_date=document.date, pub_precision=document.date_precision, char_offset=offset)
            out.extend(coding.events or [e for e in chunk_events if e.sentence_index == number])
        return sorted(out, key=lambda e: (e.start, e.trigger_start or 0))

    def _state_ref(self, country: str) -> ActorRef | None:
        """The state `country` as an actor, for a speaker's "we"."""
        entry = self.kb.get(country)
        if entry is None:
            return None
        return ActorRef(text=entry.name, name=entry.name, actor_id=entry.id, country=country, sector=None,
                        kind="state", how="speaker")

    # -- many documents -----------------------------------------------------------

    def code_many(self, documents: Iterable[Document], on_error: OnError = "raise") -> Iterator[DocResult | DocFailure]:
        """Code a stream of documents with `nlp.pipe`, in input order.

        on_error: "raise" stops at the first failure (tests); "record" yields a
        DocFailure (E303) for that document and goes on (batch runs).
        With `workers` > 1, whole documents are coded in a pool of forked processes
        that share this coder's loaded models; results still come back in input order.
        """
        if self.config.workers > 1:
            yield from self._code_in_pool(documents, on_error)
            return

        def chunked() -> Iterator[tuple[str, tuple[Document, int, int]]]:
            for document in documents:
                chunks = split_into_chunks(document.text, self.config.chunk_chars)
                for number, (offset, text) in enumerate(chunks):
                    yield text, (document, offset, len(chunks) - number - 1)

        pending: list[tuple[int, Doc]] = []
        stream = self.nlp.pipe(chunked(), as_tuples=True, batch_size=self.config.batch_size)
        for doc, (document, offset, remaining) in stream:
            pending.append((offset, doc))
            if remaining:
                continue
            parsed, pending = pending, []
            try:
                yield self._code_parsed(document, parsed)
            except EireneError:
                raise
            except Exception as err:  # one bad document never stops the batch
                if on_error == "raise":
                    raise
                log.debug("coding %s failed", document.id, exc_info=True)
                yield _failure(document, err)

    def _code_in_pool(self, documents: Iterable[Document], on_error: OnError) -> Iterator[DocResult | DocFailure]:
        global _POOL_CODER
        _POOL_CODER = self  # inherited by the forked workers: no model is loaded twice
        context = multiprocessing.get_context("fork")
        with context.Pool(self.config.workers) as pool:
            jobs = ((document, on_error) for document in documents)
            for outcome in pool.imap(_code_in_worker, jobs, chunksize=2):
                if isinstance(outcome, _WorkerError):
                    raise RuntimeError(f"coding {outcome.doc_id} failed in a worker: {outcome.text}")
                yield outcome

    # -- explaining -----------------------------------------------------------------

    def explain(self, text: str, date: str | None = None) -> Explanation:
        """Parse, actors, events and the reasons for silence, for one text, coded as a whole
        document is: transcript speakers, repeated mentions merged, the dead left out."""
        doc = self.nlp(text)
        document = Document(id="explain", text=text, date=date, date_precision="day" if date else "unknown")
        (mentions,), _ = self._mentions(document, [(0, doc)], actor_dating(document)[0])
        result = self._code_parsed(document, [(0, doc)])
        events, notes = list(result.events), list(result.notes)
        tokens = [
            {"i": t.i, "text": t.text, "lemma": t.lemma_, "pos": t.pos_, "dep": t.dep_, "head": t.head.i, "ent": t.ent_type_}
            for t in doc
        ]
        return Explanation(text=text, tokens=tokens, actors=mentions, events=events, notes=notes)


def _moved(ref: ActorRef, offset: int) -> ActorRef:
    """The mention with its character offsets moved by `offset` (chunk <-> document)."""
    if not offset or ref.start is None:
        return ref
    return replace(ref, start=ref.start + offset, end=(ref.end if ref.end is not None else ref.start) + offset)


@dataclass(frozen=True)
class _WorkerError:
    """A failure inside a pool worker, carried back as plain data (exceptions may not pickle)."""

    doc_id: str
    text: str


_POOL_CODER: Coder | None = None


def _code_in_worker(job: tuple[Document, OnError]) -> DocResult | DocFailure | _WorkerError:
    document, on_error = job
    assert _POOL_CODER is not None, "the pool's coder is set before the workers fork"
    try:
        return _POOL_CODER.code(document)
    except Exception as err:  # one bad document never stops the batch
        if on_error == "raise":
            return _WorkerError(document.id, f"{type(err).__name__}: {err}")
        return _failure(document, err)


def actor_dating(document: Document) -> tuple[str, str]:
    """The day to read dated roles on, and how it was found: the publication date, else
    the latest full date the text names (the article cannot be older), else UNDATED.
    An undated document never gets today's roles."""
    if document.date:
        return document.date, "publication"
    inferred = latest_date_in_text(document.text)
    if inferred is not None:
        return inferred.isoformat(), "inferred"
    return UNDATED, "undated"


def _failure(document: Document, err: Exception) -> DocFailure:
    failure = EireneError("E303", doc_id=document.id, reason=f"{type(err).__name__}: {err}")
    return DocFailure(source=document.path or document.id, code="E303", message=str(failure), doc_id=document.id)


def code(document: Document, coder: Coder | None = None) -> DocResult:
    """Code one document with `coder`, or a default one (loaded on first use)."""
    return (coder or default_coder()).code(document)


_DEFAULT: Coder | None = None


def default_coder() -> Coder:
    """A process-wide Coder with the default configuration, built on first call."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Coder()
    return _DEFAULT

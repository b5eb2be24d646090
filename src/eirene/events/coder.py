"""From a parsed document and its actor mentions to finished `Event` records.

The "annotate" half of event coding: takes the extractor's candidates and adds
factuality, attribution, date, place, PLOVER scores, provenance and a stable id.
Sentences that yield nothing keep their reasons, so `eirene explain` can say why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from eirene.events.arguments import MentionIndex, ModifierResolver
from eirene.events.anchors import DatedHappenings
from eirene.events.attribution import AttributionFinder
from eirene.events.candidate import Candidate, Rejection
from eirene.events.classifier import EventClassifier
from eirene.events.extract import DyadExtractor
from eirene.events.factuality import FactualityTagger
from eirene.events.intent import retype
from eirene.events.lexicon import Lexicon, plover_types
from eirene.events.when import EventDate, date_of_death, resolve_event_date
from eirene.events.where import PlaceResolver
from eirene.gazetteer import Gazetteer
from eirene.records import ActorRef, Event, SentenceNote

# Confidence is lowered when the event rests on inference rather than the text's own words.
HEDGED_FACTUALITY_PENALTY = 0.05
# The classifier codes a sentence the rules left silent only when it is at least this sure
# of one event type and surer of it than of "no event".
MODEL_MIN_PROBABILITY = 0.5


@dataclass
class _Typed:
    """A candidate's type, roles, claimant and factuality once statements of intent are read."""

    event_type: str
    factuality: str
    actors: list[ActorRef]
    recipients: list[ActorRef]
    attributed_to: ActorRef | None
    rule_id: str
    mode: str | None


@dataclass(frozen=True)
class SentenceCoding:
    """What one sentence gave: its events, and notes on triggers that gave none."""

    events: list[Event]
    note: SentenceNote


class EventCoder:
    """Codes the sentences of one parsed document into PLOVER events."""

    def __init__(
        self,
        lexicon: Lexicon,
        gazetteer: Gazetteer | None = None,
        modifier: ModifierResolver | None = None,
        classifier: EventClassifier | None = None,
        deaths: Mapping[str, str] | None = None,
        happenings: DatedHappenings | None = None,
    ) -> None:
        """gazetteer: the place names, shared with the actor coder (the built-in one by default).
        deaths: actor id -> date of death, for people the knowledge base knows died.
        happenings: well-known dated happenings that date events related to them (the built-in file)."""
        self.lexicon = lexicon
        self.deaths: Mapping[str, str] = deaths if deaths is not None else {}
        self.happenings = happenings if happenings is not None else DatedHappenings.load()
        self.modifier = modifier
        self.classifier = classifier
        self.types = plover_types(lexicon)
        self.places = PlaceResolver(gazetteer)
        self.extractor = DyadExtractor(lexicon, places=self.places)
        self.factuality = FactualityTagger(lexicon)
        self.attribution = AttributionFinder(lexicon)

    def code_doc(
        self,
        doc: Doc,
        mentions: list[ActorRef],
        *,
        doc_id: str,
        pub_date: str | None,
        pub_precision: str = "day",
        char_offset: int = 0,
        sentence_offset: int = 0,
    ) -> tuple[list[Event], list[SentenceNote], int]:
        """Code every sentence of `doc`.

        char_offset / sentence_offset place a chunk of a long document back into the
        whole document's coordinates. RETURNS (events, notes, number of sentences).
        """
        index = MentionIndex(doc, mentions, self.lexicon.roles, self.modifier)
        events: list[Event] = []
        notes: list[SentenceNote] = []
        silent: list[tuple[SentenceNote, Span]] = []  # sentences with actors but no rule event
        count = 0
        for number, sent in enumerate(doc.sents):
            count += 1
            coding = self.code_sentence(
                sent,
                index,
                doc_id=doc_id,
                sentence_index=sentence_offset + number,
                pub_date=pub_date,
                pub_precision=pub_precision,
                char_offset=char_offset,
            )
            events.extend(coding.events)
            if not coding.events and index.in_span(sent):
                silent.append((coding.note, sent))
            elif coding.note.reasons:
                notes.append(coding.note)
        if silent and self.classifier is not None:
            found, model_notes = self._code_with_model(silent, index, doc_id, pub_date, pub_precision, char_offset)
            events.extend(found)
            notes.extend(model_notes)
        elif silent:
            notes.extend(note for note, _ in silent)
        events.sort(key=lambda e: (e.start, e.trigger_start or 0))
        notes.sort(key=lambda n: n.sentence_index)
        return events, notes, count

    def _code_with_model(
        self,
        silent: list[tuple[SentenceNote, Span]],
        index: MentionIndex,
        doc_id: str,
        pub_date: str | None,
        pub_precision: str,
        char_offset: int,
    ) -> tuple[list[Event], list[SentenceNote]]:
        """Ask the classifier about every silent sentence of the document in one batch."""
        assert self.classifier is not None
        probabilities = self.classifier.plover_proba([sent.text for _, sent in silent])
        events: list[Event] = []
        notes: list[SentenceNote] = []
        for (note, sent), probs in zip(silent, probabilities):
            sentence_index = note.sentence_index
            event_type, probability = max(((t, p) for t, p in probs.items() if t != "NONE"), key=lambda tp: tp[1])
            if probability < MODEL_MIN_PROBABILITY or probability <= probs.get("NONE", 0.0):
                reason = f"classifier: best guess {event_type} at {probability:.2f}, below the bar"
                notes.append(SentenceNote(sentence_index, sent.text, (*note.reasons, reason)))
                continue
            found = self.extractor.from_model(sent, index, event_type, probability, self.classifier.version)
            if isinstance(found, Rejection):
                reason = f"classifier: {event_type} ({probability:.2f}): {found.reason}"
                notes.append(SentenceNote(sentence_index, sent.text, (*note.reasons, reason)))
                continue
            events.append(self._to_event(found, sent, index, doc_id, sentence_index, pub_date, pub_precision, char_offset))
        return events, notes

    def code_sentence(
        self,
        sent: Span,
        index: MentionIndex,
        *,
        doc_id: str,
        sentence_index: int,
        pub_date: str | None,
        pub_precision: str = "day",
        char_offset: int = 0,
    ) -> SentenceCoding:
        candidates, rejections = self.extractor.extract(sent, index)
        events = [
            self._to_event(c, sent, index, doc_id, sentence_index, pub_date, pub_precision, char_offset)
            for c in candidates
        ]
        events = _drop_duplicates(events)
        reasons = tuple(_reason(r) for r in rejections)
        if not events and not reasons:
            reasons = (_why_nothing(sent, index),)
        return SentenceCoding(events, SentenceNote(sentence_index, sent.text, reasons))

    def _to_event(
        self,
        candidate: Candidate,
        sent: Span,
        index: MentionIndex,
        doc_id: str,
        sentence_index: int,
        pub_date: str | None,
        pub_precision: str,
        char_offset: int,
    ) -> Event:
        """The finished event: the candidate typed as PLOVER codes what was said, with its
        factuality, claimant, mode, contexts, date, place, scores and a stable id."""
        typed = self._typed(candidate, sent, index)
        mode = self._mode(candidate, typed.event_type, typed.mode, index)
        contexts = tuple(dict.fromkeys((*candidate.contexts, *self.lexicon.contexts_for(t.lemma_.lower() for t in sent))))
        when = resolve_event_date(sent, candidate.trigger, pub_date, pub_precision)
        if when.precision in ("document", "unknown"):
            when = self.happenings.date(sent, candidate.trigger, pub_date) or when
        if when.precision in ("document", "unknown") and typed.factuality in ("asserted", "alleged") \
                and self.types[typed.event_type].dated_by_death:
            when = self._killing_date(typed.recipients, pub_date) or when
        intensity, quad_class, cameo_root = self.lexicon.score(typed.event_type, mode)
        trigger_tokens = sorted([candidate.trigger, *candidate.extra_trigger_tokens], key=lambda t: t.i)
        trigger_start = char_offset + trigger_tokens[0].idx
        trigger_end = char_offset + trigger_tokens[-1].idx + len(trigger_tokens[-1])
        confidence = candidate.confidence
        if typed.factuality != "asserted":
            confidence = max(0.05, confidence - HEDGED_FACTUALITY_PENALTY)
        return Event(
            id=Event.make_id(doc_id, sentence_index, trigger_start, trigger_end, typed.event_type, candidate.trigger_text),
            doc_id=doc_id,
            sentence_index=sentence_index,
            start=char_offset + sent.start_char,
            end=char_offset + sent.end_char,
            text=sent.text,
            trigger=candidate.trigger_text,
            trigger_start=trigger_start,
            trigger_end=trigger_end,
            event_type=typed.event_type,
            mode=mode,
            contexts=contexts,
            actors=tuple(_shift(a, char_offset) for a in typed.actors),
            recipients=tuple(_shift(a, char_offset) for a in typed.recipients),
            date=when.date,
            date_precision=when.precision,  # type: ignore[arg-type]
            date_text=when.text,
            date_source=when.source,  # type: ignore[arg-type]
            location=self.places.resolve(sent, candidate.trigger),
            factuality=typed.factuality,  # type: ignore[arg-type]
            attributed_to=_shift(typed.attributed_to, char_offset) if typed.attributed_to is not None else None,
            intensity=intensity,
            quad_class=quad_class,
            cameo_root=cameo_root,
            confidence=round(confidence, 3),
            method=typed.rule_id if typed.rule_id.startswith("model:") else f"rule:{typed.rule_id}",
        )

    def _typed(self, candidate: Candidate, sent: Span, index: MentionIndex) -> _Typed:
        """The candidate's factuality and claimant, and its type as PLOVER codes a deed
        announced, refused or demanded (eirene.events.intent)."""
        if candidate.speaker_acts:
            # the saying is the event: read its factuality on the reporting verb
            factuality = self.factuality.tag(replace(candidate, trigger=candidate.clause_head, extra_trigger_tokens=[]))
            attributed_to = None
        else:
            factuality = self.factuality.tag(candidate)
            attributed_to = self.attribution.find(candidate, sent, index)
        typed = _Typed(candidate.event_type, factuality.value, list(candidate.actors), list(candidate.recipients),
                       attributed_to, candidate.rule_id, candidate.mode)
        retyped = retype(
            self.lexicon.intent,
            typed.event_type,
            typed.factuality,
            candidate.trigger,
            candidate.clause_head,
            attributed_to is not None,
            self._complement_type(candidate.trigger),
        )
        if retyped is None or (retyped.speaker_acts and attributed_to is None):
            return typed
        if retyped.speaker_acts:
            # "X said Y must return ...": a demand by X of Y
            typed.actors, typed.recipients, typed.attributed_to = [attributed_to], typed.actors, None
        typed.event_type, typed.factuality = retyped.event_type, retyped.factuality
        typed.rule_id = f"{typed.rule_id}+{retyped.reason}"
        typed.mode = self.lexicon.canonical_mode(typed.event_type, typed.mode)
        return typed

    def _mode(self, candidate: Candidate, event_type: str, mode: str | None, index: MentionIndex) -> str | None:
        """The rule's mode, else the first mode cued by the clause's words, else the type's
        multilateral mode when the clause names enough parties."""
        clause_words = [t.lemma_.lower() for t in candidate.trigger.subtree] + [candidate.trigger.lemma_.lower()]
        clause_words += [t.lower_ for t in candidate.trigger.subtree]
        if candidate.clause_head.i != candidate.trigger.i:
            clause_words += [t.lemma_.lower() for t in candidate.clause_head.children]
        mode = mode or self.lexicon.mode_for(event_type, clause_words)
        info = self.types[event_type]
        if mode is None and info.multilateral_mode and _party_count(candidate, index) >= info.multilateral_parties:
            mode = info.multilateral_mode
        return mode

    def _killing_date(self, victims: list[ActorRef], pub_date: str | None) -> EventDate | None:
        """An undated attack on a person the knowledge base knows died is dated by that death."""
        for victim in victims:
            died = self.deaths.get(victim.actor_id or "")
            if victim.kind == "person" and died:
                return date_of_death(died, victim.name, pub_date)
        return None

    def _complement_type(self, verb: Token) -> str | None:
        """The type the lexicon gives the verb in this verb's "to" complement ("vowed [to fight]")."""
        for child in verb.children:
            # the parser sometimes hangs "to fight" on "have sworn" as an adverbial clause
            to_clause = child.dep_ in {"advcl", "ccomp"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            if (child.dep_ == "xcomp" or to_clause) and child.pos_ == "VERB":
                rules = self.lexicon.verb_rules(child.lemma_.lower())
                plain = [r for r in rules if not r.object_lemmas and not r.particle]
                return plain[0].type if plain else None
        return None


def _shift(ref: ActorRef, offset: int) -> ActorRef:
    if not offset or ref.start is None:
        return ref
    return replace(ref, start=ref.start + offset, end=(ref.end or ref.start) + offset)


def _drop_duplicates(events: list[Event]) -> list[Event]:
    seen: set[str] = set()
    kept: list[Event] = []
    for event in events:
        if event.id not in seen:
            seen.add(event.id)
            kept.append(event)
    return kept


def _reason(rejection: Rejection) -> str:
    return f"'{rejection.trigger.text}' ({rejection.event_type}): {rejection.reason}"


# Dependents of a trigger that open another clause ("..., while keeping Kabul informed",
# "to formulate a policy"): the parties named there are not at the meeting. A relative
# clause the parser hangs on the verb (", to which India ... are invited") still counts.
_OTHER_CLAUSES = {"advcl", "xcomp", "ccomp", "conj", "parataxis", "csubj"}
_RELATIVE_PRONOUNS = {"WDT", "WP", "WP$"}


def _party_count(candidate: Candidate, index: MentionIndex) -> int:
    """How many distinct parties the event's own clause names ("a meeting to which India and
    the United States are invited, besides China, Iran and Pakistan" names five)."""
    trigger = candidate.trigger
    tokens = [trigger]
    for child in trigger.children:
        subtree = list(child.subtree)
        if child.dep_ not in _OTHER_CLAUSES or any(t.tag_ in _RELATIVE_PRONOUNS for t in subtree):
            tokens.extend(subtree)
    refs = [*candidate.actors, *candidate.recipients, *(ref for t in tokens for ref in index.at(t))]
    return len({ref.actor_id or ref.country or ref.name for ref in refs})


def _why_nothing(sent: Span, index: MentionIndex) -> str:
    if not index.in_span(sent):
        return "no actor recognised in this sentence"
    verbs = [t.lemma_ for t in sent if t.pos_ == "VERB"]
    if not verbs:
        return "actors found, but no verb or event noun"
    return "actors found, but no verb or event noun in the lexicon (" + ", ".join(verbs[:5]) + ")"

"""Event dates from well-known happenings: "after the 9/11 attacks", "during the Soviet withdrawal".

Why a module of its own: such a sentence names no calendar date, yet any reader dates it.
Which happenings are well known, when they were and which words tie an event to them is
knowledge (``eirene/data/dates/happenings.yaml``), so this module only finds a phrase of
that file in the event's clause, follows it up to the word that relates it to the event
("after", "in the wake of") and reads the date that relation gives. It is consulted only
when the clause's own words give no date (`eirene.events.when`).

    >>> anchors = DatedHappenings.load()
    >>> anchors.date(sent, trigger, "2019-03-10")   # "... invaded Afghanistan after the 9/11 attacks."
    EventDate(date='2001-01-01', precision='year', text='after the 9/11 attacks', source='happening')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span, Token

from eirene.dates import parse_iso
from eirene.errors import KnowledgeBaseError
from eirene.events.clause import event_clause
from eirene.events.when import EventDate
from eirene.knowledge_files import load_knowledge_file

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "dates" / "happenings.yaml"
RELATION_EFFECTS = frozenset({"same", "year"})
# Arcs followed from the phrase up to the relating word: "the [9/11] attacks", "the wake [of] X".
_NOUN_ARCS = frozenset({"compound", "amod", "nmod", "nummod", "poss", "pobj", "appos", "npadvmod"})
_MAX_STEPS = 5


@dataclass(frozen=True)
class Happening:
    """A well-known happening: its name, its first day and how well that date is known."""

    name: str
    date: dt.date
    precision: str


class DatedHappenings:
    """The happenings of a data file, found by their phrases in a sentence.

    path (Path | str | None): a file shaped like the built-in one (which it replaces).
    RAISES (KnowledgeBaseError E345): the file is unreadable or malformed.
    """

    def __init__(self, path: Path | str | None = None) -> None:
        where = str(path or DATA_FILE)
        data = load_knowledge_file(path or DATA_FILE, code="E345")
        if not isinstance(data, dict) or not isinstance(data.get("happenings"), list):
            raise KnowledgeBaseError("E345", path=where, reason="no list of `happenings`")
        self.relations: dict[str, str] = {}
        for word, effect in (data.get("relations") or {}).items():
            if effect not in RELATION_EFFECTS:
                raise KnowledgeBaseError("E345", path=where, reason=f"relation {word!r}: effect {effect!r} is not "
                                         f"one of {sorted(RELATION_EFFECTS)}")
            self.relations[str(word).lower()] = str(effect)
        self.by_phrase: dict[str, Happening] = {}
        for entry in data["happenings"]:
            happening = _happening(entry, where)
            for phrase in entry.get("phrases") or ():
                self.by_phrase[_key(str(phrase))] = happening
        names = sorted(self.by_phrase, key=len, reverse=True)
        self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.I) \
            if names else None

    @classmethod
    def load(cls) -> DatedHappenings:
        """The built-in file, read once per process."""
        return _builtin()

    def date(self, sent: Span, trigger: Token, pub_date: str | None) -> EventDate | None:
        """The date a happening named in the trigger's clause gives the event, or None.

        A happening later than the publication date is not the one meant, and a relation
        the file does not list ("before", "since") dates nothing.
        """
        if self._pattern is None:
            return None
        clause = {t.i for t in event_clause(sent, trigger)}
        pub = parse_iso(pub_date, with_time=True) if pub_date else None
        for match in self._pattern.finditer(sent.text):
            span = sent.char_span(match.start(), match.end(), alignment_mode="expand")
            happening = self.by_phrase.get(_key(match.group()))
            if span is None or happening is None or (pub is not None and happening.date > pub[0]):
                continue
            if span.start <= trigger.i < span.end:  # the happening is the event itself
                return EventDate(happening.date.isoformat(), happening.precision, span.text, "happening")
            found = self._relation(span.root, clause)
            if found is None:
                continue
            word, effect = found
            text = sent.doc[min(word.i, span.start):span.end].text
            if effect == "year":
                return EventDate(dt.date(happening.date.year, 1, 1).isoformat(), "year", text, "happening")
            return EventDate(happening.date.isoformat(), happening.precision, text, "happening")
        return None

    def _relation(self, root: Token, clause: set[int]) -> tuple[Token, str] | None:
        """The relating word above the phrase ("after", "wake"), and its effect, when that
        word belongs to the event's clause."""
        token = root
        for _ in range(_MAX_STEPS):
            head = token.head
            if head.i == token.i or token.dep_ not in _NOUN_ARCS and token.dep_ != "prep":
                return None
            effect = self.relations.get(head.lower_)
            if effect is not None and head.i in clause and head.dep_ in ("prep", "pobj", "mark", "advmod", "pcomp"):
                return head, effect
            if effect is not None and head.pos_ == "ADP" and head.i in clause:
                return head, effect
            token = head
        return None


def _key(phrase: str) -> str:
    return " ".join(phrase.replace("\u2019", "'").lower().split())


def _happening(entry: object, where: str) -> Happening:
    if not isinstance(entry, dict) or not entry.get("name") or not entry.get("phrases"):
        raise KnowledgeBaseError("E345", path=where, reason=f"happening {entry!r} needs a name and phrases")
    found = parse_iso(str(entry.get("date") or ""))
    if found is None:
        raise KnowledgeBaseError("E345", path=where, reason=f"happening {entry['name']!r}: date "
                                 f"{entry.get('date')!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    return Happening(str(entry["name"]), found[0], found[1])


@lru_cache(maxsize=1)
def _builtin() -> DatedHappenings:
    return DatedHappenings()

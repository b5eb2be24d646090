"""Speakers of a transcript: turns opened by a label ("AD:", "Asad Durrani:", "Q:"), the
person each label names, and the words of a turn that point to its speaker.

Why a module of its own: an interview prints who speaks once per turn, at the start of
the line, and then says "I", "we" and "you" for pages. Coded sentence by sentence, the
speaker is nobody: "I" resolves to no one, "we are not allies" has no actor, and the
claims of the turn have no claimant. This module reads the turns of the whole text,
resolves each label to the person it names (a full-name label, initials that a
full-name label or a "Name (AB)" introduced earlier, or a person of the text with
those initials), and gives the coder:

- actor mentions for "I/me/my" (the speaker), "we/us/our" (the state a speaker of known
  country speaks for) and, in a two-person transcript, "you/your" (the other speaker);
- the speaker of each turn, the claimant of what the turn says when no sentence names
  another (`attribute`);
- nothing from the labels themselves: "AD" before the colon is no actor of the sentence.

A person the knowledge base records as dead before the document's date is never a
speaker: the label then names an unknown person. The label words and the pronouns are
data (``eirene/data/resolver/discourse.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from eirene.actors.coref import fold
from eirene.errors import KnowledgeBaseError
from eirene.knowledge_files import load_knowledge_file
from eirene.records import ActorRef, Event

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "resolver" / "discourse.yaml"
_SPACE = r"[^\S\n]"  # any space but a line end (news text has no-break spaces)
_LABEL = re.compile(rf"^{_SPACE}*(?P<label>[A-Z][\w'\u2019.\-]*(?:{_SPACE}+[A-Z][\w'\u2019.\-]*){{0,3}}){_SPACE}*:(?!//)"
                    rf"{_SPACE}*(?=\S)", re.M)
_DEFINED = re.compile(rf"(?P<name>[A-Z][\w'\u2019\-]+(?:{_SPACE}+[A-Z][\w'\u2019\-]+){{1,3}}){_SPACE}*\((?P<abbr>[A-Z]{{2,4}})\)")
# Sectors of speakers who speak for a movement, not for their state.
NON_STATE_SECTORS = frozenset({"REB", "INS", "OPP", "CRM", "SEP"})
# People who ask rather than answer in an interview.
JOURNALIST_SECTORS = frozenset({"JRN", "MED"})
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class DiscourseWords:
    """The closed classes of discourse.yaml."""

    min_turns: int
    not_speakers: frozenset[str]
    interviewers: frozenset[str]
    answerers: frozenset[str]
    singular: frozenset[str]
    plural: frozenset[str]
    second: frozenset[str]
    speech_verbs: frozenset[str]
    state_nouns: Mapping[str, str | None]

    @classmethod
    def load(cls, path: Path | str | None = None) -> DiscourseWords:
        """The built-in file (read once), or another of its shape. RAISES (KnowledgeBaseError E235)."""
        return _load(str(path or DATA_FILE))


@lru_cache(maxsize=4)
def _load(path: str) -> DiscourseWords:
    data = load_knowledge_file(path, code="E235")
    if not isinstance(data, dict):
        raise KnowledgeBaseError("E235", path=path, reason="the file is not a mapping")

    def words(key: str) -> frozenset[str]:
        value = data.get(key) or []
        if not isinstance(value, list):
            raise KnowledgeBaseError("E235", path=path, reason=f"'{key}' must be a list of words")
        return frozenset(" ".join(str(v).lower().split()) for v in value)

    nouns = data.get("speaker_state_nouns") or {}
    if not isinstance(nouns, dict):
        raise KnowledgeBaseError("E235", path=path, reason="'speaker_state_nouns' must map nouns to sectors")
    return DiscourseWords(int(data.get("min_turns") or 2), words("not_speakers"), words("interviewers"),
                          words("answerers"), words("first_person_singular"), words("first_person_plural"),
                          words("second_person"), words("speech_verbs"),
                          {str(k).lower(): None if v is None else str(v) for k, v in nouns.items()})


@dataclass(frozen=True)
class Turn:
    """One speaker's turn, in document character offsets.

    start / label_end: the label and its colon; end: where the next turn starts (or the
    text ends). label: as written ("AD"); full: the name it stands for ("Asad Durrani"),
    or the label. interviewer: the label is one of the interviewer labels ("Q").
    """

    start: int
    label_end: int
    end: int
    label: str
    full: str
    interviewer: bool


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", fold(text)))


def initials(name: str) -> str:
    """"Asad Durrani" -> "AD"; "Sophie Shevardnadze" -> "SS"."""
    return "".join(word[0] for word in _WORD.findall(name)).upper()


def _initials_of(mention: ActorRef) -> set[str]:
    """The initials a label may use for a person: of the name as the text writes it, of
    the full known name, and of its first and last word ("Khawaja Muhammad Asif": KA)."""
    words = _WORD.findall(mention.name)
    found = {initials(mention.text), initials(mention.name)}
    if len(words) > 2:
        found.add((words[0][0] + words[-1][0]).upper())
    return found


def find_turns(text: str, words: DiscourseWords) -> list[Turn]:
    """The speaker turns of `text`; [] when it is no transcript (fewer than
    `min_turns` label lines, or a single speaker label)."""
    found = [m for m in _LABEL.finditer(text) if fold(m["label"]) not in words.not_speakers
             and fold(m["label"].split()[0]) not in words.not_speakers]
    if len(found) < words.min_turns or len({fold(m["label"]) for m in found}) < 2:
        return []
    full_names = [m["label"] for m in found if len(m["label"].split()) > 1]
    defined = {m["abbr"]: m["name"] for m in _DEFINED.finditer(text)}
    turns = []
    for number, m in enumerate(found):
        label = m["label"]
        end = found[number + 1].start() if number + 1 < len(found) else len(text)
        full = label
        if label.isupper() and len(label) <= 4:
            full = defined.get(label) or next((n for n in full_names if initials(n) == label), label)
        turns.append(Turn(m.start("label"), m.end(), end, label, full, fold(label) in words.interviewers))
    return turns


class Transcript:
    """The turns of one document and the speaker each names, ready to add to its coding.

    text (str): the document text; mentions (list[ActorRef]): its actor mentions in
    document offsets; day (str | None): the document date, ISO; deaths: actor id -> date
    of death (ISO, to the day, month or year).
    """

    def __init__(self, text: str, mentions: list[ActorRef], words: DiscourseWords, day: str | None = None,
                 deaths: Mapping[str, str] | None = None) -> None:
        self.text = text
        self.words = words
        self.turns = find_turns(text, words)
        self._deaths: Mapping[str, str] = deaths if deaths is not None else {}
        self._day = day
        self.speakers: dict[str, ActorRef] = {}
        for turn in self.turns:
            if turn.full not in self.speakers:
                self.speakers[turn.full] = self._speaker(turn, mentions)

    def __bool__(self) -> bool:
        return bool(self.turns)

    def _dead(self, ref: ActorRef) -> bool:
        died = self._deaths.get(ref.actor_id or "")
        return bool(died and self._day and died[:len(self._day)] < self._day[:len(died)])

    def _speaker(self, turn: Turn, mentions: list[ActorRef]) -> ActorRef:
        """The person the label names: a person mention whose names hold the full label's
        words (or whose initials are the label), never a person dead by the document date."""
        wanted = _words(turn.full)
        people = [m for m in mentions if m.kind == "person" and not self._dead(m)]
        # a known person's own name holds the label's words; an unknown one's words do
        found = next((m for m in people if wanted <= _words(m.name if m.actor_id else m.text)), None)
        if found is None and turn.full == turn.label and turn.label.isupper() and len(turn.label) >= 2:
            matching = {m.actor_id or m.name: m for m in people if turn.label in _initials_of(m)}
            found = next(iter(matching.values())) if len(matching) == 1 else None
        if found is None and fold(turn.label) in self.words.answerers:
            found = self._interviewee(people)
        if found is None:
            return ActorRef(text=turn.label, name=turn.full, kind="person", sector="UNK", country=None,
                            start=turn.start, end=turn.start + len(turn.label), how="speaker")
        return replace(found, text=turn.label, start=turn.start, end=turn.start + len(turn.label), how="speaker")

    def _interviewee(self, people: list[ActorRef]) -> ActorRef | None:
        """Who answers in a "Q:"/"A:" transcript: the one person the text names before its
        first turn, journalists left aside ("our reporter Tom Hale asked Nadia Karimova")."""
        first = self.turns[0].start
        before = {m.actor_id or fold(m.name): m for m in people
                  if (m.start or 0) < first and m.sector not in JOURNALIST_SECTORS}
        return next(iter(before.values())) if len(before) == 1 else None

    def turn_at(self, offset: int) -> Turn | None:
        return next((t for t in self.turns if t.start <= offset < t.end), None)

    def speaker_at(self, offset: int) -> ActorRef | None:
        """The speaker of the turn holding this character offset, or None outside turns."""
        turn = self.turn_at(offset)
        return self.speakers.get(turn.full) if turn is not None else None

    def in_label(self, ref: ActorRef) -> bool:
        return ref.start is not None and any(t.start <= ref.start < t.label_end for t in self.turns)

    def other_speaker(self, turn: Turn) -> ActorRef | None:
        """The one other speaker of a two-person transcript."""
        others = {t.full for t in self.turns if t.full != turn.full}
        return self.speakers.get(others.pop()) if len(others) == 1 else None

    def pointing_mentions(self, mentions: list[ActorRef], states: Mapping[str, ActorRef]) -> list[ActorRef]:
        """The mentions with the labels' own dropped and the turns' "I", "we" and "you" added.

        states: country code -> an ActorRef of that state (for "we"); a speaker whose
        country has none there gives "we" no actor.
        """
        owned = self._owned_states(states)
        kept = [m for m in mentions if not self.in_label(m)
                and not any(s.start <= (m.start or -1) < (s.end or 0) for s in owned)]
        taken = {(m.start, m.end) for m in kept}
        added: list[ActorRef] = list(owned)
        for turn in self.turns:
            speaker = self.speakers.get(turn.full)
            for word in _WORD.finditer(self.text, turn.label_end, turn.end):
                if any(s.start == word.start() for s in owned):
                    continue
                lower = word.group().lower()
                ref = self._pointed(lower, turn, speaker, states)
                span = (word.start(), word.end())
                if ref is not None and span not in taken and not (lower == "i" and word.group() != "I"):
                    added.append(replace(ref, text=word.group(), start=span[0], end=span[1], how="speaker"))
        return sorted([*kept, *added], key=lambda m: (m.start or 0, m.end or 0))

    def _owned_states(self, states: Mapping[str, ActorRef]) -> list[ActorRef]:
        """"my country", "our government", "your army": the state of the speaker (of the
        other speaker for "your"), in the noun's sector, over both words."""
        if not self.words.state_nouns:
            return []
        pattern = re.compile(r"\b(?P<owner>\w+)" + _SPACE + r"+(?P<noun>"
                             + "|".join(map(re.escape, self.words.state_nouns)) + r")\b", re.I)
        found = []
        for turn in self.turns:
            for m in pattern.finditer(self.text, turn.label_end, turn.end):
                owner = m["owner"].lower()
                person = self.speakers.get(turn.full) if owner in self.words.singular | self.words.plural else \
                    self.other_speaker(turn) if owner in self.words.second else None
                state = states.get(person.country) if person is not None and person.country else None
                if state is not None:
                    found.append(replace(state, text=m.group(), start=m.start(), end=m.end(), how="speaker",
                                         sector=self.words.state_nouns[m["noun"].lower()]))
        return found

    def _pointed(self, word: str, turn: Turn, speaker: ActorRef | None,
                 states: Mapping[str, ActorRef]) -> ActorRef | None:
        if word in self.words.singular:
            return speaker
        if word in self.words.plural and speaker is not None and speaker.sector in NON_STATE_SECTORS:
            return speaker  # a rebel commander's "we" is his movement, coded by his country and sector
        if word in self.words.plural and speaker is not None and speaker.country:
            return states.get(speaker.country)
        if word in self.words.second:
            return self.other_speaker(turn)
        return None

    def attribute(self, events: list[Event]) -> list[Event]:
        """Events said in a turn, with the turn's speaker as claimant when the sentence names none."""
        out = []
        for event in events:
            speaker = self.speaker_at(event.start)
            if speaker is not None and event.attributed_to is None:
                event = replace(event, attributed_to=speaker)
            out.append(event)
        return out

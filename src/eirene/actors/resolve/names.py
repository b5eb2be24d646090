"""Knowledge-base names in a phrase: which entry a name means, its coding on the date,
the names among a phrase's modifiers, and the one country a text names as a home.

Why a module of its own: every other reader asks these questions ("Pakistani" in
"Pakistani troops", "Kabul" as a seat, the country of an unknown office holder).
"""

from __future__ import annotations

from eirene.actors.coref import Coded, name_words
from eirene.actors.grammar import Grammar
from eirene.actors.kb import ActorEntry, AliasHit, KnowledgeBase
from eirene.actors.matcher import ActorMatcher, Matches, NameMatch
from eirene.actors.resolve.state import PLURAL_TAGS, State


class NameReader:
    """Chooses among entries of one name and codes them on the story date.

    kb (KnowledgeBase): the entries. grammar (Grammar): the closed-class words.
    matcher (ActorMatcher): the finder, for its place and owner tests.
    """

    def __init__(self, kb: KnowledgeBase, grammar: Grammar, matcher: ActorMatcher) -> None:
        self.kb, self.grammar, self.matcher = kb, grammar, matcher

    def countries(self, matches: Matches) -> frozenset[str]:
        """Countries named unambiguously (states, demonyms, capitals) in a text."""
        out = set()
        for name in matches.names:
            entries = {h.entry.id for h in name.hits}
            if len(entries) == 1 and name.hits[0].entry.kind == "state" and name.hits[0].entry.country:
                out.add(name.hits[0].entry.country)
        return frozenset(out)

    def choose(self, hits: tuple[AliasHit, ...], st: State) -> AliasHit:
        """The best of several entries with the same name: one from a country named in
        the context or the document, else the knowledge base's own order."""
        if len(hits) > 1:
            for pool in (st.context_countries, st.countries):
                fitting = [h for h in hits if h.entry.country in pool]
                if fitting:
                    return fitting[0]
        return hits[0]

    def coded(self, span: tuple[int, int], entry: ActorEntry, country: str | None, sector: str | None,
              how: str, st: State, **extra: object) -> Coded:
        """A mention of `entry` over tokens [span), with the coding given."""
        head_tag = st.doc[span[1] - 1].tag_
        names = name_words(entry.name, *entry.aliases) if entry.kind == "person" else frozenset()
        return Coded(
            span[0], span[1], entry.name, entry.id, country, sector, entry.kind, how,
            plural=head_tag in PLURAL_TAGS and entry.kind not in ("state", "person"),
            sentence=st.sentence(span[0]), names=names, **extra,  # type: ignore[arg-type]
        )

    def name_owners(self, own: list[int], st: State, exclude: NameMatch | None = None) -> list[Coded]:
        """Knowledge-base names among the modifiers, nearest to the head first."""
        seen: set[tuple[int, int]] = set()
        out: list[Coded] = []
        for i in reversed(own):
            nm = st.matches.name(i)
            if nm is None or nm is exclude or (nm.start, nm.end) in seen:
                continue
            if nm.start < own[0] or nm.end - 1 > own[-1]:
                continue
            if self.matcher.not_owner(nm.start, nm.end, st.doc):
                continue  # "pro-Iranian militia", "Syrian-backed fighters"
            seen.add((nm.start, nm.end))
            hit = self.choose(nm.hits, st)
            coding = self.kb.code_at(hit.entry, st.day)
            how = {"metonym": "metonymy", "demonym": "demonym"}.get(hit.how, "alias")
            sector = hit.sector if hit.how == "metonym" else coding.sector
            out.append(self.coded((nm.start, nm.end), hit.entry, coding.country or hit.entry.country, sector, how, st))
        return out

    def home_country(self, st: State, exclude: frozenset[str] = frozenset()) -> str | None:
        """The one country a text names as a home ("the Zambian people", "the Kenya
        Anti-Corruption Commission", "rebels in the Ivory Coast", a group based there
        such as UNITA, "Sweden's decision") rather than only as a party an actor deals
        with ("threatened Russia", "sent back to Bulgaria"). Only a home may lend its
        country to an unknown office holder, an unknown organisation or a people.

        exclude: countries that do not count (an ethnic group's own demonym: "ethnic
        Albanians" are not the home that "Albanian" names).
        """
        homes: set[str] = set()
        for nm in st.matches.names:
            entries = {h.entry.id for h in nm.hits}
            entry = nm.hits[0].entry
            if len(entries) != 1 or entry.kind not in ("state", "org", "armed_group") or not entry.country:
                continue
            if entry.country in exclude or self.matcher.not_owner(nm.start, nm.end, st.doc):
                continue
            if entry.kind == "org" and entry.sector in self.grammar.source_sectors:
                continue  # "according to the New York Times": a source, not where the story is
            before = st.matches.name(nm.start - 1) if nm.start > 0 else None
            if nm.hits[0].how == "demonym" and before is not None and before.hits[0].entry.kind == "state":
                continue  # "Bosnian Croats" live in Bosnia: "Croat" names no home
            last = st.doc[nm.end - 1]
            if entry.kind != "state" or nm.hits[0].how == "demonym" \
                    or last.dep_ in ("compound", "amod", "poss", "nmod") \
                    or (last.dep_ == "pobj" and last.head.lower_ in self.grammar.home_preps):
                homes.add(entry.country)
        if len(homes) == 1:
            return next(iter(homes))
        return None

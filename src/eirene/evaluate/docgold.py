"""Reading and validating document-level gold: one YAML file per annotated article.

Why strict: gold that silently drops an event or a misspelt sector measures nothing.
Every file is checked on load against docs/annotation-guide.md and the PLOVER vocabulary
in `eirene/data/evaluate/plover_codebook.yaml`; a fault raises GoldError (E36x) naming the
file, the event and the field. Each evidence quote is found in the article as eirene
reads it, so mentions carry the character offsets that coded events are matched on.

    documents = load_gold(Path("examples/afghan-peace-process.gold"),
                          Path("examples/afghan-peace-process"))

DOCS: docs/annotation-guide.md
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NoReturn

import yaml

from eirene.errors import GoldError
from eirene.records import Document
from eirene.vocab import FACTUALITY_VALUES, PLOVER_TYPES

FORMAT_VERSION = 1
CODEBOOK = Path(__file__).resolve().parent.parent / "data" / "evaluate" / "plover_codebook.yaml"
PRECISIONS: tuple[str, ...] = ("day", "month", "year", "document", "unknown")
DATE_SHAPES = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}", "document": r"\d{4}-\d{2}-\d{2}"}
TOP_FIELDS = ("version", "document", "published", "annotator", "annotated", "notes", "events")
EVENT_FIELDS = ("id", "type", "mode", "actors", "recipients", "factuality", "claimant", "date", "date_precision",
                "mentions", "note")
ACTOR_FIELDS = ("text", "country", "sector", "id")


@dataclass(frozen=True)
class GoldActor:
    """An actor as the annotator coded it: PLOVER country and sector, optionally a KB id."""

    text: str
    country: str | None
    sector: str | None
    id: str | None = None


@dataclass(frozen=True)
class Mention:
    """Words of the article that state the event, with their offsets and 1-based line."""

    quote: str
    start: int
    end: int
    line: int


@dataclass(frozen=True)
class GoldEvent:
    id: str
    type: str
    mode: str | None
    actors: tuple[GoldActor, ...]
    recipients: tuple[GoldActor, ...]
    factuality: str
    claimants: tuple[GoldActor, ...]
    date: str | None
    date_precision: str
    mentions: tuple[Mention, ...]
    note: str | None = None


@dataclass(frozen=True)
class GoldDocument:
    """One annotated article: its gold file, the article as eirene reads it, its events."""

    path: str
    document: Document
    published: str | None
    events: tuple[GoldEvent, ...]


@lru_cache(maxsize=1)
def codebook() -> dict[str, Any]:
    """Modes per type, sector codes and non-state country codes (plover_codebook.yaml)."""
    with CODEBOOK.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@lru_cache(maxsize=1)
def known_countries() -> frozenset[str]:
    from eirene.actors.kb import known_countries as iso_and_pseudo

    return iso_and_pseudo() | frozenset(codebook()["non_state_countries"])


def load_gold(gold_dir: Path, corpus_dir: Path) -> list[GoldDocument]:
    """Every *.yaml in `gold_dir`, validated, its quotes found in the article of `corpus_dir`.

    RETURNS (list[GoldDocument]) in file-name order. Raises GoldError (E36x).
    """
    from eirene.corpus import read_inputs

    files = sorted(Path(gold_dir).glob("*.yaml")) if Path(gold_dir).is_dir() else []
    if not files:
        raise GoldError("E366", path=str(gold_dir))
    articles = {item.id: item for item in read_inputs([corpus_dir]) if isinstance(item, Document)}
    return [load_gold_file(path, articles, str(corpus_dir)) for path in files]


def load_gold_file(path: Path, articles: dict[str, Document], corpus: str = "the corpus") -> GoldDocument:
    """One gold file, checked field by field against the article it names."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise GoldError("E360", path=str(path), reason=str(err)) from err
    check = _Checker(str(path))
    if not isinstance(data, dict):
        raise GoldError("E360", path=str(path), reason="the file is not a YAML mapping")
    check.fields(data, TOP_FIELDS, "the file")
    if data.get("version") != FORMAT_VERSION:
        check.fail("the file", f"version must be {FORMAT_VERSION}, got {data.get('version')!r}")
    name = check.text(data, "document", "the file")
    if name not in articles:
        raise GoldError("E365", path=str(path), document=name, corpus=corpus)
    article = articles[name]
    events = check.listed(data, "events", "the file")
    parsed = tuple(_event(check, raw, n, article) for n, raw in enumerate(events, 1))
    seen: set[str] = set()
    for event in parsed:
        if event.id in seen:
            check.fail(f"event {event.id}", "this id is used by another event of the file")
        seen.add(event.id)
    published = _iso(data.get("published"))
    return GoldDocument(str(path), article, published, parsed)


def _event(check: "_Checker", raw: object, number: int, article: Document) -> GoldEvent:
    where = f"event #{number}"
    if not isinstance(raw, dict):
        check.fail(where, "each event must be a mapping")
    where = f"event {raw.get('id', '#' + str(number))}"
    check.fields(raw, EVENT_FIELDS, where)
    event_type = check.choice(raw, "type", PLOVER_TYPES, where, "PLOVER type")
    mode = raw.get("mode")
    if mode is not None:
        check.choice(raw, "mode", tuple(codebook()["modes"][event_type]) or ("null",), where, f"mode of {event_type}")
    precision = check.choice(raw, "date_precision", PRECISIONS, where, "date precision")
    return GoldEvent(
        id=check.text(raw, "id", where),
        type=event_type,
        mode=mode,
        actors=tuple(check.actor(a, f"{where}, actor") for a in check.listed(raw, "actors", where)),
        recipients=tuple(check.actor(a, f"{where}, recipient") for a in check.listed(raw, "recipients", where,
                                                                                      required=False)),
        factuality=check.choice(raw, "factuality", FACTUALITY_VALUES, where, "factuality"),
        claimants=check.claimants(raw.get("claimant"), where),
        date=check.date(raw.get("date"), precision, where),
        date_precision=precision,
        mentions=tuple(check.mention(m, where, article) for m in check.listed(raw, "mentions", where, empty=False)),
        note=raw.get("note"),
    )


def _iso(value: object) -> str | None:
    """YAML reads 2016-05-22 as a date and 2016 as an int; the gold keeps ISO text."""
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)


class _Checker:
    """The checks of one gold file; each failure raises GoldError with the file and place."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, where: str, reason: str) -> NoReturn:
        raise GoldError("E361", path=self.path, where=where, reason=reason)

    def fields(self, data: dict, allowed: tuple[str, ...], where: str) -> None:
        unknown = sorted(set(map(str, data)) - set(allowed))
        if unknown:
            self.fail(where, f"unknown field(s) {', '.join(unknown)}; known: {', '.join(allowed)}")

    def text(self, data: dict, key: str, where: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(where, f"'{key}' must be non-empty text, got {value!r}")
        return str(value)

    def listed(self, data: dict, key: str, where: str, required: bool = True, empty: bool = True) -> list:
        if key not in data and not required:
            return []
        value = data.get(key)
        if not isinstance(value, list) or (not empty and not value):
            self.fail(where, f"'{key}' must be a list{'' if empty else ' of at least one item'}, got {value!r}")
        return list(value)

    def choice(self, data: dict, key: str, allowed: tuple[str, ...], where: str, what: str) -> str:
        value = data.get(key)
        if value not in allowed:
            raise GoldError("E362", path=self.path, where=f"{where}, {key}", what=what, value=value,
                            allowed=", ".join(allowed))
        return str(value)

    def actor(self, raw: object, where: str) -> GoldActor:
        if not isinstance(raw, dict):
            self.fail(where, f"an actor must be a mapping with text, country and sector, got {raw!r}")
        self.fields(raw, ACTOR_FIELDS, where)
        for key in ("country", "sector"):
            if key not in raw:
                self.fail(where, f"'{key}' is missing (write {key}: null when none applies)")
        country, sector = raw["country"], raw["sector"]
        if country is not None and country not in known_countries():
            raise GoldError("E362", path=self.path, where=where, what="country code", value=country,
                            allowed="ISO 3166 alpha-3 codes, " + ", ".join(codebook()["non_state_countries"]))
        if sector is not None and sector not in codebook()["sectors"]:
            raise GoldError("E362", path=self.path, where=where, what="sector", value=sector,
                            allowed=", ".join(codebook()["sectors"]))
        actor_id = raw.get("id")
        return GoldActor(self.text(raw, "text", where), country, sector, str(actor_id) if actor_id else None)

    def claimants(self, raw: object, where: str) -> tuple[GoldActor, ...]:
        if raw is None:
            return ()
        items = raw if isinstance(raw, list) else [raw]
        return tuple(self.actor(item, f"{where}, claimant") for item in items)

    def date(self, raw: object, precision: str, where: str) -> str | None:
        value = _iso(raw)
        if precision == "unknown":
            if value is not None:
                self.fail(where, f"date {value!r} with date_precision unknown; write date: null or a precision")
            return None
        if value is None or not re.fullmatch(DATE_SHAPES[precision], value):
            self.fail(where, f"date_precision {precision} needs a date shaped {DATE_SHAPES[precision]}, got {value!r}")
        return value

    def mention(self, raw: object, where: str, article: Document) -> Mention:
        place = f"{where}, mention"
        occurrence = None
        if isinstance(raw, dict):
            self.fields(raw, ("quote", "occurrence"), place)
            occurrence = raw.get("occurrence")
            if occurrence is not None and (type(occurrence) is not int or occurrence < 1):
                self.fail(place, f"occurrence must be a whole number from 1, got {occurrence!r}")
            raw = raw.get("quote")
        if not isinstance(raw, str) or not raw.strip():
            self.fail(place, f"a mention is a quote of the article, got {raw!r}")
        quote = str(raw)
        pattern = r"\s+".join(map(re.escape, quote.split()))  # only whitespace may differ
        found = [(m.start(), m.end()) for m in re.finditer(pattern, article.text)]
        if not found:
            raise GoldError("E363", path=self.path, where=where, quote=quote, document=article.id)
        if occurrence is None:
            if len(found) > 1:
                raise GoldError("E364", path=self.path, where=where, quote=quote, count=len(found),
                                document=article.id)
            occurrence = 1
        elif occurrence > len(found):
            self.fail(place, f"occurrence {occurrence}, but the quote occurs {len(found)} time(s) in {article.id}")
        start, end = found[occurrence - 1]
        return Mention(quote, start, end, article.text.count("\n", 0, start) + 1)

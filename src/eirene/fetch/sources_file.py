"""The sources file: the feeds and sitemaps `eirene watch` polls when none are named.

It lives in the config folder (`$EIRENE_CONFIG_DIR`, else ~/.config/eirene) as
sources.yaml, written by `eirene sources add/remove` and readable by hand:

    version: 1
    sources:
    - url: https://news.example/feed.xml
      kind: feed
    - url: https://news.example/sitemap-news.xml
      kind: sitemap
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from eirene.config import default_config_dir
from eirene.errors import InputError
from eirene.fetch.harvest import Sources
from eirene.fetch.urls import NotFetchable, normalise_url

FILE_NAME = "sources.yaml"
VERSION = 1
Kind = Literal["feed", "sitemap"]
KINDS: tuple[Kind, ...] = ("feed", "sitemap")


@dataclass(frozen=True)
class Source:
    """One feed or sitemap to poll."""

    url: str
    kind: Kind = "feed"


def sources_path(config_dir: str | Path | None = None) -> Path:
    """Where the sources file is (it need not exist yet)."""
    return (Path(config_dir) if config_dir is not None else default_config_dir()) / FILE_NAME


def load_sources(path: Path) -> list[Source]:
    """The sources in `path`; none when the file does not exist.

    RAISES (InputError E132): the file cannot be read or is not a sources file.
    """
    if not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise InputError("E132", path=str(path), reason=str(err).splitlines()[0]) from err
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("sources", []), list):
        raise InputError("E132", path=str(path), reason="it must be a mapping with a list under 'sources'")
    return [_source(entry, path, number) for number, entry in enumerate(data.get("sources") or [], start=1)]


def _source(entry: Any, path: Path, number: int) -> Source:
    if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
        raise InputError("E132", path=str(path), reason=f"source {number} has no 'url'")
    kind = entry.get("kind", "feed")
    if kind not in KINDS:
        raise InputError("E132", path=str(path), reason=f"source {number} has kind {kind!r}; use feed or sitemap")
    return Source(entry["url"], kind)


def add_source(path: Path, url: str, kind: Kind) -> bool:
    """Add a source (normalised); RETURNS False when it is listed already.

    RAISES (InputError E120): `url` is not an http(s) address.
    """
    try:
        url = normalise_url(url)
    except NotFetchable as err:
        raise InputError("E120", url=url, reason=str(err)) from err
    found = load_sources(path)
    if any(source.url == url for source in found):
        return False
    _save(path, [*found, Source(url, kind)])
    return True


def remove_source(path: Path, url: str) -> bool:
    """Remove a source, given as listed or in any spelling of it; RETURNS False when absent."""
    found = load_sources(path)
    try:
        wanted = {url, normalise_url(url)}
    except NotFetchable:
        wanted = {url}
    kept = [source for source in found if source.url not in wanted]
    if len(kept) == len(found):
        return False
    _save(path, kept)
    return True


def as_sources(found: list[Source]) -> Sources:
    """The listed sources as one fetch run takes them."""
    return Sources(feeds=tuple(s.url for s in found if s.kind == "feed"),
                   sitemaps=tuple(s.url for s in found if s.kind == "sitemap"))


def _save(path: Path, found: list[Source]) -> None:
    """Write the file whole, through a temporary file, so a crash never leaves half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"version": VERSION, "sources": [{"url": s.url, "kind": s.kind} for s in found]}
    text = "# Feeds and sitemaps `eirene watch` polls when none are named (eirene sources add/remove).\n"
    text += yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as handle:
        handle.write(text)
    os.replace(handle.name, path)

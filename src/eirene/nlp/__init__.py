"""The NLP stage: loading the spaCy pipeline that every later stage reads."""

from eirene.nlp.model import default_model_name, load_nlp, model_label

__all__ = ["default_model_name", "load_nlp", "model_label"]

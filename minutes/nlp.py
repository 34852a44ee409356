"""build_nlp() -> the rule pipeline; analyse(...) runs it over one document.

    tokenizer           minutes.JiebaTokenizer.v1 (jieba; lexicon terms and the
                        document's names kept whole; NORM = folded form)
    minutes_gazetteer   the document's people and departments
    minutes_lexicon     spaCy SpanRuler over nlp_models/ word lists and token patterns
    minutes_parties     one span per party, with its department
    minutes_clauses     sentence and clause spans
"""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .lexicon import phrase_patterns
from .parties import Gazetteer


@lru_cache(maxsize=1)
def build_nlp() -> Language:
    import spacy
    from . import components  # noqa: F401  (registers the tokenizer and components)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "minutes.JiebaTokenizer.v1"}}})
    nlp.add_pipe("minutes_gazetteer")
    ruler = nlp.add_pipe("span_ruler", name="minutes_lexicon",
                         config={"spans_key": "lexicon", "phrase_matcher_attr": "NORM", "validate": True})
    ruler.add_patterns(phrase_patterns())
    nlp.add_pipe("minutes_parties")
    nlp.add_pipe("minutes_clauses")
    return nlp


def analyse(text: str, gazetteer: Gazetteer | None = None) -> Doc:
    """Tokenize with the document's names kept whole, then run every component."""
    nlp = build_nlp()
    names = gazetteer.pattern() if gazetteer else None
    doc = nlp.tokenizer(text, names)
    doc.user_data["gazetteer"] = gazetteer
    return nlp(doc)

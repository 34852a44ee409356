"""build_nlp() -> the rule pipeline; analyse(...) runs it over one document.

    tokenizer           minutes.JiebaTokenizer.v1 (jieba; lexicon terms and the
                        document's names kept whole; NORM = folded form)
    minutes_gazetteer   the document's people and departments
    minutes_lexicon     spaCy's PhraseMatcher and Matcher over nlp_models/ word lists and
                        token patterns: the spans a SpanRuler would find
    minutes_word_shapes the lexicon's one-word regex patterns (LATIN_NAME), tried word by word
    minutes_parties     one span per party, with its department
    minutes_clauses     sentences and clauses (character offsets)

The components keep their spans in ``doc.user_data`` as tuples (the keys below), not as
Span objects in ``doc.spans``: their readers want labels and offsets, and every Span costs
spaCy two Token objects; a document has a few hundred spans.

spaCy is imported on the first build, not when minutes is imported: the web service's
main process and commands that never extract (track, serve) do without it.
"""
from __future__ import annotations

import importlib.util
import itertools
import math
import sys
import types
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Optional

from .parties import Gazetteer
from .textnorm import fold_word

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@lru_cache(maxsize=1)
def build_nlp() -> "Language":
    spacy = import_spacy()
    from . import components  # noqa: F401  (registers the tokenizer and components)
    from .components.word_shapes import word_regex
    from .lexicon import phrase_patterns
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "minutes.JiebaTokenizer.v1"}}})
    nlp.add_pipe("minutes_gazetteer")
    ruler = nlp.add_pipe("minutes_lexicon", config={"phrase_matcher_attr": "NORM", "validate": True})
    by_word = [entry for entry in phrase_patterns() if word_regex(entry["pattern"])]
    ruler.add_patterns([phrase for entry in phrase_patterns() if entry not in by_word
                        for alternative in first_token_alternatives(entry)
                        for phrase in as_phrases(alternative, nlp.make_doc)])
    nlp.add_pipe("minutes_word_shapes").add_patterns(by_word)
    nlp.add_pipe("minutes_parties")
    nlp.add_pipe("minutes_clauses")
    return nlp


# doc.user_data keys. A span is a tuple (label, start, end, start_char, end_char, id): its
# words doc[start:end], its characters text[start_char:end_char].
GAZETTEER_SPANS_KEY = "minutes.gazetteer"   # [span, …] the document's people and departments
LEXICON_KEY = "minutes.lexicon"             # [span, …] in spaCy's Span order (components/lexicon_matcher.py)
PARTIES_KEY = "minutes.party_spans"         # [span, …] by start (components/parties.py)
PARTIES_BY_OFFSETS = "minutes.parties"      # (start_char, end_char) → (kind, listed name, department)
SENTENCES_KEY = "minutes.sentences"         # ([start_char, …], [end_char, …]) (components/clauses.py)
CLAUSES_KEY = "minutes.clauses"
NAMES_KEY = "minutes.names"                 # the gazetteer's regex of names, built once per document

MAX_PHRASES = 256          # a token pattern that would spell out into more stays a token pattern


def as_phrases(entry: dict, make_doc: Callable[[str], "Doc"]) -> list[dict]:
    """A token pattern of exact words (``{"NORM": {"IN": [...]}}``, perhaps ``"OP": "?"``), as the
    phrase patterns of every sequence it matches: the PhraseMatcher finds any number of phrases
    in one pass in C, while the Matcher pays for each token pattern at every token of a document.
    A phrase is the words joined by spaces, kept only when the tokenizer cuts it into exactly
    those words; a pattern with any other kind of token stays a token pattern. The ruler keeps
    each span once, so the phrases find the same spans as the pattern."""
    pattern = entry["pattern"]
    if isinstance(pattern, str):
        return [entry]
    choices = [_word_choices(token) for token in pattern]
    if any(c is None for c in choices) or math.prod(len(c) for c in choices) > MAX_PHRASES:
        return [entry]
    phrases = []
    for words in itertools.product(*choices):
        words = [w for w in words if w is not None]
        text = " ".join(words)
        if not words or [t.text for t in make_doc(text)] != words:
            return [entry]
        phrases.append({**entry, "pattern": text})
    return list({p["pattern"]: p for p in phrases}.values())


def _word_choices(token) -> Optional[list[Optional[str]]]:
    """The words one token pattern accepts (None: it may be left out), or None when it is no
    choice of folded words."""
    if not isinstance(token, dict) or not set(token) <= {"NORM", "OP"} or token.get("OP", "1") not in ("1", "?"):
        return None
    value = token.get("NORM")
    words = value["IN"] if isinstance(value, dict) and value.keys() == {"IN"} else [value]
    if not words or not all(isinstance(w, str) and w and w == fold_word(w) and not w.isspace() for w in words):
        return None
    return list(dict.fromkeys(words)) + ([None] if token.get("OP") == "?" else [])


def first_token_alternatives(entry: dict) -> list[dict]:
    """A token pattern whose first token chooses from a set (``{"NORM": {"IN": [...]}}``), as one
    pattern per choice: spaCy's Matcher tries every pattern's first token at every token of the
    document, and tests a set by calling back into Python, an exact value in C; and a pattern
    whose first word is fixed is tried only where that word is (components/lexicon_matcher.py).
    The later tokens are tried only after a first one matched, so they keep their sets. The ruler keeps
    each span once, so the alternatives find the same spans as the pattern they come from."""
    pattern = entry["pattern"]
    if isinstance(pattern, str) or not pattern or not isinstance(pattern[0], dict):
        return [entry]
    first = pattern[0]
    sets = [attr for attr, value in first.items() if isinstance(value, dict)]
    if len(sets) != 1 or first[sets[0]].keys() != {"IN"} or first.get("OP") not in (None, "1") \
            or not isinstance(first[sets[0]]["IN"], list):
        return [entry]
    attr = sets[0]
    return [{**entry, "pattern": [{**first, attr: value}, *pattern[1:]]} for value in dict.fromkeys(first[attr]["IN"])]


def analyse(text: str, gazetteer: Gazetteer | None = None) -> "Doc":
    """Tokenize with the document's names kept whole, then run every component."""
    nlp = build_nlp()
    names = gazetteer.pattern() if gazetteer else None
    doc = nlp.tokenizer(text, names)
    doc.user_data["gazetteer"] = gazetteer
    doc.user_data[NAMES_KEY] = names
    return nlp(doc)


def import_spacy():
    """spaCy without its command line.

    ``import spacy`` loads spacy.cli only for ``spacy.info`` — and with it typer, weasel,
    httpx and rich, a third of spaCy's import time, none of which a pipeline uses. While
    spaCy imports, ``spacy.cli`` and ``spacy.cli.info`` are stand-ins; afterwards they are
    gone from sys.modules, so a later ``import spacy.cli`` loads the real one, and
    ``spacy.info()`` loads it when called.
    """
    if "spacy" in sys.modules:
        import spacy
        return spacy
    spec = importlib.util.find_spec("spacy")
    stand_ins = {"spacy.cli": types.ModuleType("spacy.cli"), "spacy.cli.info": types.ModuleType("spacy.cli.info")}
    stand_ins["spacy.cli"].__path__ = [str(p) + "/cli" for p in spec.submodule_search_locations]
    stand_ins["spacy.cli.info"].info = _spacy_info
    sys.modules.update(stand_ins)
    try:
        import spacy
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
        if getattr(sys.modules.get("spacy"), "cli", None) is stand_ins["spacy.cli"]:
            del sys.modules["spacy"].cli
    return spacy


def _spacy_info(*args, **kwargs):
    from spacy.cli.info import info
    return info(*args, **kwargs)

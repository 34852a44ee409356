"""minutes_lexicon: the lexicon's phrase and token patterns, by spaCy's PhraseMatcher and Matcher.

It finds what spaCy's SpanRuler finds with the same patterns, in the same order, and
keeps them as tuples in ``doc.user_data[LEXICON_KEY]`` (see minutes/nlp.py) rather than
as Span objects, which cost two Token objects each and are read back only for their
labels and offsets.

spaCy's Matcher also makes two Token objects for every token of what it is given. A token
pattern that starts with one fixed word (``{"NORM": "紧急程度"}``, ``{"ORTH": "@"}``) can only
match where that word is, so a PhraseMatcher finds those words and the Matcher is given a
window of the pattern's length from each; only when some pattern has no fixed first word,
or no fixed length, does it read the whole Doc.
"""
from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from ..nlp import LEXICON_KEY
from .tokenizer import MATCHING_KEY, TEXT_KEY, doc_starts, doc_words

_ANCHOR_ATTRS = {"ORTH": "ORTH", "TEXT": "ORTH", "NORM": "NORM", "LOWER": "LOWER"}
_ONE_TOKEN_OPS = (None, "1", "?", "!")     # operators that match at most one token


@Language.factory("minutes_lexicon", assigns=["doc.user_data"],
                  default_config={"phrase_matcher_attr": "NORM", "validate": True})
def make_lexicon_matcher(nlp: Language, name: str, phrase_matcher_attr: str, validate: bool) -> "LexiconMatcher":
    return LexiconMatcher(nlp, phrase_matcher_attr, validate)


class LexiconMatcher:
    def __init__(self, nlp: Language, phrase_matcher_attr: str = "NORM", validate: bool = True):
        self.vocab = nlp.vocab
        self._make_doc = nlp.make_doc
        self._validate = validate
        self.phrase_matcher = PhraseMatcher(nlp.vocab, attr=phrase_matcher_attr, validate=validate)
        self.matcher = Matcher(nlp.vocab, validate=validate)
        self.patterns: list[dict] = []
        self._labels: dict[int, tuple[str, str, tuple[int, int]]] = {}   # match key → (label, id, span_order)
        self._anchors: dict[str, PhraseMatcher] = {}            # attr → the token patterns' first words
        self._anchor_words: dict[str, set[str]] = {}            # attr → those words
        self._window: Optional[int] = 0                         # longest token pattern; None: read the whole Doc

    def add_patterns(self, entries: list[dict]) -> None:
        """SpanRuler patterns: ``{"label", "pattern", "id"}``, the pattern a phrase or a token pattern."""
        phrases = []
        for entry in entries:
            label, span_id = entry["label"], entry.get("id", "")
            key = repr((label, span_id))
            self._labels[self.vocab.strings.add(key)] = (label, span_id, span_order(self.vocab, label, span_id))
            if isinstance(entry["pattern"], str):
                phrases.append((key, entry["pattern"]))
            else:
                self.matcher.add(key, [entry["pattern"]])
                self._add_anchor(entry["pattern"])
            self.patterns.append(entry)
        for key, text in phrases:
            self.phrase_matcher.add(key, [self._make_doc(text)])

    def _add_anchor(self, pattern: list[dict]) -> None:
        """Keep the pattern's fixed first word where a PhraseMatcher finds it, or give up windows."""
        first = pattern[0] if pattern and isinstance(pattern[0], dict) else {}
        attrs = [a for a in first if a != "OP"]
        value = first[attrs[0]] if len(attrs) == 1 else None
        attr = _ANCHOR_ATTRS.get(attrs[0].upper()) if isinstance(value, str) else None
        fixed_length = all(isinstance(t, dict) and t.get("OP") in _ONE_TOKEN_OPS for t in pattern)
        if self._window is None or attr is None or not fixed_length or first.get("OP") not in (None, "1"):
            self._window = None
            return
        word = Doc(self.vocab, words=[value])
        if attr == "NORM":
            word[0].norm_ = value
        if attr not in self._anchors:
            self._anchors[attr] = PhraseMatcher(self.vocab, attr=attr, validate=self._validate)
        self._anchors[attr].add(value, [word])
        self._anchor_words.setdefault(attr, set()).add(value)
        self._window = max(self._window, len(pattern))

    def __call__(self, doc: Doc) -> Doc:
        found = set(self.phrase_matcher(doc))       # (no phrase is empty: each is a Doc of some words)
        found.update(m for m in self._token_matches(doc) if m[1] != m[2])
        words, _ = doc_words(doc)
        starts = doc_starts(doc)
        labels = self._labels
        in_order = sorted((start, end, labels[key][2], key) for key, start, end in found)
        doc.user_data[LEXICON_KEY] = [
            (labels[key][0], start, end, starts[start], starts[end - 1] + len(words[end - 1]), labels[key][1])
            for start, end, _, key in in_order]
        return doc

    def _token_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        if not len(self.matcher):
            return []
        if self._window is None:
            return self.matcher(doc)
        firsts = sorted({start for attr, anchors in self._anchors.items() if self._may_hold(doc, attr)
                         for _, start, _ in anchors(doc)})
        return [(key, first + start, first + end) for first in firsts
                for key, start, end in self.matcher(doc[first:first + self._window])]

    def _may_hold(self, doc: Doc, attr: str) -> bool:
        """Whether a word of the Doc may be an anchor: a word's text (ORTH) lies in the Doc's text, a
        word's NORM (its folded text, as the tokenizer sets it) in its folded text. Most documents
        hold no anchor, and each PhraseMatcher would read every word of them."""
        text = doc.user_data.get({"ORTH": TEXT_KEY, "NORM": MATCHING_KEY}.get(attr, ""))
        return text is None or any(word in text for word in self._anchor_words[attr])


def span_order(vocab, label: str, span_id: str) -> tuple[int, int]:
    """After their offsets, spaCy orders Spans by the hashes of their label and id."""
    return vocab.strings.add(label), vocab.strings.add(span_id)

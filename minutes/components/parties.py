"""minutes_parties: one span per party a clause can name, with its department.

Reads the gazetteer spans, the lexicon spans (DEPT, DEPT_SHORT, VAGUE_PARTY,
MENTION, LATIN_NAME) and name forms (王总, 刘工, 小李, 老陈; a surname and one or
two characters right before an owner verb), and keeps the best non-overlapping
set: the document's own names first, then departments, then name forms.
Sets ``span._.party`` = (kind, listed name, department) on each span in
``doc.spans["parties"]``; kind is person | department | vague.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import lexicon
from ..parties import is_department
from ..textnorm import fold_word
from .gazetteer import GAZETTEER_KEY

if not Span.has_extension("party"):
    Span.set_extension("party", default=None)

# A web address or mail address names no party, whatever words it holds (https, @qq.com).
_LINK = re.compile(r"(?:https?|ftp)://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
_RANK = {"PERSON": 0, "DEPT": 1, "VAGUE_PARTY": 1, "DEPT_SHORT": 3, "NAME_FORM": 2, "LATIN_NAME": 3, "NAME_GUESS": 4}


@Language.factory("minutes_parties", requires=["doc.spans"], assigns=["doc.spans", "span._.party"])
def make_parties(nlp: Language, name: str) -> "PartyFinder":
    return PartyFinder()


@lru_cache(maxsize=1)
def _name_forms() -> re.Pattern:
    surnames = "".join(sorted(lexicon.surnames() - {s for s in lexicon.surnames() if len(s) > 1}))
    compound = "|".join(s for s in lexicon.surnames() if len(s) > 1)
    titles = "|".join(sorted(lexicon.words("parties.yaml", "titles"), key=len, reverse=True))
    prefixes = "".join(lexicon.words("parties.yaml", "name_prefixes"))
    return re.compile(rf"^(?:(?:{compound}|[{surnames}])(?:{titles})|[{prefixes}][{surnames}])$")


@lru_cache(maxsize=1)
def _guess() -> re.Pattern:
    surnames = "".join(s for s in lexicon.surnames() if len(s) == 1)
    return re.compile(rf"^[{surnames}][\u4e00-\u9fff]{{1,2}}$")


class PartyFinder:
    def __call__(self, doc: Doc) -> Doc:
        gazetteer = doc.user_data.get(GAZETTEER_KEY)
        candidates = list(doc.spans.get("gazetteer", []))
        candidates += [s for s in doc.spans.get("lexicon", []) if s.label_ in _RANK or s.label_ == "MENTION"]
        candidates += self._forms(doc)
        links = [m.span() for m in _LINK.finditer(doc.text)]
        candidates = [c for c in candidates if not any(a < c.end_char and c.start_char < b for a, b in links)]
        ranked = sorted(candidates, key=lambda s: (_RANK.get(s.label_, 2), -len(s)))
        chosen = _non_overlapping(ranked)
        spans = []
        for span in sorted(chosen, key=lambda s: s.start):
            span = _mention_target(doc, span)
            if span is None:
                continue
            span._.party = _describe(span, gazetteer)
            spans.append(span)
        doc.spans["parties"] = spans
        return doc

    def _forms(self, doc: Doc) -> list[Span]:
        spans = []
        for token in doc:
            text = token.text
            if _name_forms().match(text) and lexicon.word_frequency(text) < lexicon.name_guess_limit():
                spans.append(Span(doc, token.i, token.i + 1, label="NAME_FORM"))
            elif token.i + 1 < len(doc) and _name_forms().match(text + doc[token.i + 1].text) and len(text) == 1:
                spans.append(Span(doc, token.i, token.i + 2, label="NAME_FORM"))
            elif is_department(text) and not token.is_punct:
                spans.append(Span(doc, _department_start(doc, token.i), token.i + 1, label="DEPT"))
            elif _guess().match(text) and _before_owner_cue(doc, token.i + 1) and lexicon.plausible_name(text):
                spans.append(Span(doc, token.i, token.i + 1, label="NAME_GUESS"))
        return spans


def _department_start(doc: Doc, i: int) -> int:
    """区财政局 is one department though jieba cuts 区 / 财政局."""
    prefixes = lexicon.department_prefixes()
    while i > 0 and doc[i - 1].norm_ in prefixes:
        i -= 1
    return i



def _before_owner_cue(doc: Doc, i: int) -> bool:
    """A guessed name counts only at a clause start and right before what a doer does (张三负责…, 李娜尽快…)."""
    if i >= len(doc) or not _clause_start(doc, i - 1):
        return False
    nxt = doc[i]
    return nxt.norm_ in lexicon.doer_cues() or nxt.norm_[:1].isdigit() or nxt.norm_ in (":", "、") \
        or any(nxt.norm_.startswith(w) for w in lexicon.time_openers())


def _clause_start(doc: Doc, i: int) -> bool:
    return i == 0 or doc[i - 1].is_punct or doc[i - 1].is_space or doc[i - 1].norm_ in ("由", "请", "@", ">")



def _non_overlapping(spans: list[Span]) -> list[Span]:
    taken: set[int] = set()
    out = []
    for span in spans:
        if span.label_ == "MENTION":
            continue
        if not taken.intersection(range(span.start, span.end)):
            out.append(span)
            taken.update(range(span.start, span.end))
    mentions = [s for s in spans if s.label_ == "MENTION"]
    starts = {s.start for s in out}     # a set: a cell of 30,000 @mentions is not 10^9 comparisons
    return out + [m for m in mentions if m.start + 1 not in starts]


def _mention_target(doc: Doc, span: Span) -> Span | None:
    """``@阿杰``: the party is the word after the @."""
    if span.label_ != "MENTION":
        return span
    return Span(doc, span.end - 1, span.end, label="NAME_FORM")


def _describe(span: Span, gazetteer) -> tuple[str, str, str | None]:
    text = span.text
    if span.label_ == "VAGUE_PARTY":
        return "vague", text, None
    if span.label_ in ("DEPT", "DEPT_SHORT"):
        listed = gazetteer.person(text) if gazetteer else None
        if listed:
            return "person", listed, gazetteer.people.get(listed)
        return "department", text, text
    if gazetteer is not None:
        listed = gazetteer.person(text)
        if listed:
            return "person", listed, gazetteer.people.get(listed)
        if fold_word(text) in {fold_word(d) for d in gazetteer.departments}:
            return "department", text, text
    return "person", text, None

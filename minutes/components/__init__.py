"""Custom spaCy parts of the minutes pipeline; importing this package registers them.

    tokenizer   minutes.JiebaTokenizer.v1: jieba, with lexicon terms and the
                document's names kept whole so rule patterns align with tokens
    gazetteer   minutes_gazetteer: the document's people and departments
    parties     minutes_parties: every party a clause can name (person,
                department, vague party), one span each, with its department
    clauses     minutes_clauses: clause spans, each read as commitment,
                assignment, status, opinion, decision or plain
    lexicon_matcher minutes_lexicon: the lexicon's phrase and token patterns (spaCy's
                PhraseMatcher and Matcher), found as spaCy's SpanRuler finds them
    word_shapes minutes_word_shapes: the lexicon's one-word regex patterns
"""
from . import clauses, gazetteer, lexicon_matcher, parties, tokenizer, word_shapes  # noqa: F401  (registration side effects)

"""Property-based tests (hypothesis): hostile inputs keep the invariants of tests/hostile_inputs.py.

A bounded number of examples per property keeps this to seconds in CI; tools/fuzz.py
runs the same checks for as long as you like.
"""
from __future__ import annotations

import hostile_inputs as h
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def bounded(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@bounded(10)
@given(h.note_file(), st.sampled_from([None, h.date(2024, 6, 12)]))
def test_properties_notes_keep_every_invariant(file, ref):
    name, data = file
    h.check_notes(name, data, ref)


@bounded(6)
@given(h.word_file())
def test_properties_word_files_keep_every_invariant(file):
    h.check_notes(*file)


@bounded(40)
@given(h.RAW_FILE)
def test_properties_any_bytes_give_minutes_or_a_minutes_error(file):
    h.check_notes(*file)


@bounded(300)
@given(h.PHRASE, h.REF)
def test_properties_resolve_deadline_quotes_its_words_and_prints_iso(text, ref):
    h.check_deadline(text, ref)


@bounded(30)
@given(h.extraction_json())
def test_properties_edited_extraction_json_renders_or_names_the_field(data):
    h.check_extraction_json(data)


@bounded(4)
@given(h.template_paragraphs())
def test_properties_any_template_renders_or_is_a_template_error(paragraphs):
    h.check_template(paragraphs)

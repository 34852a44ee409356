"""How a `minutes` process starts: what the command line and the service's workers do first.

    begin()    before the heavy imports: garbage collection paused, and every regex the
               process compiles read back from the start-up cache (startcache.py)
    reading()  before a document is read: from here on only the rule data's own patterns
               go to the cache, never one built from a document's words
    settled()  once the first document is done (or a command needs no documents):
               what start-up built is frozen out of the collector's sight, which resumes

Start-up allocates some millions of objects that all live to the end (spaCy, the rule
tables, the compiled grammar); collecting while they are made finds nothing and costs
a few percent of a cold start, and after ``gc.freeze()`` no later collection walks
them again. Reading a document then makes tens of thousands of short-lived objects that
almost never form cycles (the Word reader keeps none, docx_package.py): the youngest
generation is collected every `_YOUNG_ALLOCATIONS` allocations rather than Python's 700,
which halves the collector's share of the time and leaves peak memory where it was. Only
process entry points call ``begin()``: importing minutes as a library changes nothing in
the importing program.
"""
from __future__ import annotations

import gc

from . import startcache

_paused = False
_YOUNG_ALLOCATIONS = 2000


def begin() -> None:
    global _paused
    startcache.cache_all_regexes()
    if gc.isenabled():
        gc.disable()
        _paused = True


def reading() -> None:
    startcache.stop_caching_all_regexes()


def settled() -> None:
    global _paused
    startcache.stop_caching_all_regexes()
    if _paused:
        _paused = False
        gc.freeze()
        gc.set_threshold(_YOUNG_ALLOCATIONS, *gc.get_threshold()[1:])
        gc.enable()

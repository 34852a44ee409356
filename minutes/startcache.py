"""What every start would otherwise rebuild, kept per user: compiled regexes, the segmenter's table.

A cold ``minutes extract`` spent about a fifth of its time compiling the deadline
grammar and the lexicon's long alternations, and reading jieba's word table; both are
pure functions of the rule files. They are computed once and kept in the folder
``MINUTES_CACHE_DIR`` (default ``$XDG_CACHE_HOME/minutes`` or ``~/.cache/minutes``;
``off`` keeps nothing). An entry is keyed by the Python build and its exact input (the
pattern's text, the dictionary's bytes), so a changed rule file or interpreter misses
and is rebuilt. Nothing here may change a result: an unreadable, corrupt or foreign
file is ignored and an unwritable folder is not an error.
"""
from __future__ import annotations

import atexit
import hashlib
import marshal
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Callable, Optional, TypeVar

import _sre

try:                                  # re's own steps, called as re._compiler.compile calls them
    from re import _compiler as _re_compiler, _parser as _re_parser
except ImportError:
    _re_compiler = _re_parser = None
_PLAIN_COMPILE = getattr(_re_compiler, "compile", None) or re.compile

T = TypeVar("T")
_TAG = f"py{sys.hexversion:x}-sre{_sre.MAGIC}"
_MAX_REGEXES = 4000            # past this, old patterns (rules since edited) are dropped on save
# Patterns kept that this process never asked for, as a share of those it did: rules edited or
# upgraded away leave patterns nobody compiles again, and all of them would be read at every
# start (11 MB and 25 MB of memory after a few hundred edits). Past the share only the ones used
# are kept; a pattern only another kind of run needs is compiled once more there.
_UNUSED_SHARE = 0.5


def folder() -> Optional[Path]:
    """Where the cache lives, or None when it is off or there is no home to put it in."""
    setting = os.environ.get("MINUTES_CACHE_DIR", "")
    if setting.lower() == "off":
        return None
    if setting:
        return Path(setting)
    try:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except RuntimeError:       # no home directory to speak of
        return None
    return base / "minutes"


def _read(path: Path):
    try:
        value = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return value if isinstance(value, tuple) and len(value) == 2 and value[0] == _TAG else None


def _write(path: Path, value) -> None:
    try:
        data = marshal.dumps((_TAG, value))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    except (OSError, ValueError):
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)          # readers see the old file or the new, never half of one
    except OSError:
        Path(temporary).unlink(missing_ok=True)


# --------------------------------------------------------------------------- #
# Tables built from a data file
# --------------------------------------------------------------------------- #
def table(name: str, source: Path, build: Callable[[], T], valid: Callable[[T], bool] = lambda value: True) -> T:
    """``build()``, or what it returned last time for the same bytes of ``source`` if ``valid``
    finds it whole (a value with its own checksum is checked there).

    The value must be made of what marshal keeps (dicts, lists, tuples, strings, bytes, numbers).
    """
    where = folder()
    if where is None:
        return build()
    digest = hashlib.blake2b(source.read_bytes(), digest_size=16).hexdigest()
    path = where / f"{name}.marshal"
    stored = _read(path)
    if stored is not None and isinstance(stored[1], tuple) and len(stored[1]) == 2 \
            and stored[1][0] == digest and valid(stored[1][1]):
        return stored[1][1]
    value = build()
    _write(path, (digest, value))
    return value


# --------------------------------------------------------------------------- #
# Compiled regular expressions
# --------------------------------------------------------------------------- #
class _Regexes:
    """re.compile, but the parse and code generation of a pattern seen before are read back.

    Only the final step, ``_sre.compile`` (which checks the code it is given), runs for a
    known pattern; the steps before it are re's own (re._parser, re._compiler), so the
    pattern object is the one re.compile would make.
    """

    def __init__(self, path: Optional[Path]):
        self.path = path
        stored = _read(path) if path else None
        self.known: dict = stored[1] if stored is not None and isinstance(stored[1], dict) else {}
        self.used: dict = {}
        self.changed = False

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern:
        key = (pattern, int(flags))
        entry = self.known.get(key)
        if entry is not None:
            try:
                compiled = _sre.compile(pattern, *entry)
            except (TypeError, ValueError, RuntimeError):
                pass
            else:
                self.used[key] = entry
                return compiled
        entry = _code(pattern, int(flags))
        if entry is None:                      # an interpreter whose re internals differ
            return _PLAIN_COMPILE(pattern, flags)
        compiled = _sre.compile(pattern, *entry)
        self.used[key] = entry
        self._remember()
        return compiled

    def _remember(self) -> None:
        if not self.changed and self.path is not None:
            self.changed = True
            atexit.register(self.save)

    def save(self) -> None:
        if self.path is None or not self.changed:
            return
        merged = {**self.known, **self.used}
        bound = min(_MAX_REGEXES, len(self.used) * (1 + _UNUSED_SHARE))
        kept = merged if len(merged) <= bound else dict(self.used)
        _write(self.path, kept)
        self.known, self.changed = kept, False


def _code(pattern: str, flags: int):
    """What re._compiler.compile hands to _sre.compile; None where re's internals are not these."""
    try:
        parsed = _re_parser.parse(pattern, flags)
        code = [int(op) for op in _re_compiler._code(parsed, flags)]    # opcodes are int subclasses
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
    except AttributeError:
        return None
    for name, index in groupindex.items():
        indexgroup[index] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


_REGEXES: Optional[_Regexes] = None


def compile_regex(pattern: str, flags: int = 0) -> re.Pattern:
    """re.compile(pattern, flags), reusing this user's earlier compilation of the same pattern."""
    global _REGEXES
    if _REGEXES is None:
        where = folder()
        _REGEXES = _Regexes(where / "regexes.marshal" if where else None)
    return _REGEXES.compile(pattern, flags)


def cache_all_regexes() -> None:
    """Every regex this process compiles (its own modules' and its libraries') through the cache.

    re.compile hands a pattern it has not seen in this process to ``re._compiler.compile``;
    that one step is replaced, for text patterns, by `compile_regex`. Patterns already
    compiled, bytes patterns and debug compiles go the usual way. For process entry points
    only (minutes.startup): a library must not change ``re`` for the program importing it.
    """
    original = getattr(_re_compiler, "compile", None)
    if original is None or getattr(original, "_minutes_cached", False) or _code("a", 0) is None:
        return

    def compile(p, flags=0):
        if isinstance(p, str) and not flags & re.DEBUG:
            return compile_regex(p, flags)
        return original(p, flags)

    compile._minutes_cached = True
    compile.original = original
    _re_compiler.compile = compile


def stop_caching_all_regexes() -> None:
    """Back to re's own compile, before any document is read: a pattern built from a
    document's words (its people's names) must never be written to the cache."""
    current = getattr(_re_compiler, "compile", None)
    if getattr(current, "_minutes_cached", False):
        _re_compiler.compile = current.original


def reset() -> None:
    """Forget the loaded regex cache (saving it first), e.g. after MINUTES_CACHE_DIR changed."""
    global _REGEXES
    if _REGEXES is not None:
        _REGEXES.save()
    _REGEXES = None

"""minutes: meeting notes in, enforceable minutes out.

    >>> import minutes
    >>> m = minutes.process("notes.txt")            # read → segment → extract → resolve → lint
    >>> m.action_items[0].owner, m.action_items[0].deadline
    >>> minutes.resolve_deadline("下周三前", date(2024, 6, 15)).iso
    '2024-06-19'

The names below are imported on first use, so that `import minutes.cli` or the web
service's main process do not pay for the whole pipeline before they need it.
"""
__version__ = "0.1.0"

_EXPORTS = {
    "process": ".pipeline", "Options": ".pipeline",
    "Minutes": ".model", "Meeting": ".model", "Decision": ".model", "ActionItem": ".model", "Finding": ".model",
    "MinutesError": ".errors",
    "resolve_deadline": ".deadlines", "find_deadlines": ".deadlines", "Deadline": ".deadlines",
}

__all__ = ["process", "Options", "Minutes", "Meeting", "Decision", "ActionItem", "Finding",
           "MinutesError", "resolve_deadline", "find_deadlines", "Deadline", "__version__"]


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'minutes' has no attribute '{name}'")
    from importlib import import_module
    value = getattr(import_module(_EXPORTS[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

"""minutes: meeting notes in, enforceable minutes out.

    >>> import minutes
    >>> m = minutes.process("notes.txt")            # read → segment → extract → resolve → lint
    >>> m.action_items[0].owner, m.action_items[0].deadline
    >>> minutes.resolve_deadline("下周三前", date(2024, 6, 15)).iso
    '2024-06-19'
"""
__version__ = "0.1.0"

from .deadlines import Deadline, find_deadlines, resolve_deadline
from .errors import MinutesError
from .model import ActionItem, Decision, Finding, Meeting, Minutes
from .pipeline import Options, process

__all__ = ["process", "Options", "Minutes", "Meeting", "Decision", "ActionItem", "Finding",
           "MinutesError", "resolve_deadline", "find_deadlines", "Deadline", "__version__"]

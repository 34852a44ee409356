"""Every error minutes raises on purpose, with its contract code and exit status.

    MinutesError                      base; code "error", exit 2
    ├── InputError                    a file the user gave cannot be used
    │   ├── UnsupportedInput          code "unsupported": not .txt/.md/.docx/.json
    │   ├── EmptyInput                code "empty": no bytes, or no text
    │   ├── UndecodableInput          code "encoding": no known encoding fits
    │   ├── CorruptInput              code "corrupt": a broken .docx (bad zip, bad XML)
    │   ├── TooLargeInput             code "too_large": over the size / zip-bomb limits
    │   └── BadExtraction             code "bad_json": an extraction JSON that does not
    │                                 match the contract's shape
    ├── ConfigError                   code "config": a settings or lint config problem
    ├── RuleFileError                 code "rules": a file in nlp_models/ is invalid
    ├── TemplateError                 code "template": a template fails to load or is unsafe
    └── LedgerError                   code "ledger": the task ledger (minutes.ledger)
        ├── LedgerUnavailable         code "ledger_unavailable": the database cannot be opened or
        │                             is locked, damaged, or from a newer minutes
        ├── UnknownTask               code "not_found": no task, or no pending report, with that ID
        └── BadChange                 code "invalid": a correction with a value the ledger refuses

Messages state the facts: which file, what was found, what was expected.
"""
from __future__ import annotations


class MinutesError(Exception):
    code = "error"
    exit_code = 2

    def __init__(self, message: str, *, source: str | None = None):
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


class InputError(MinutesError):
    code = "input"


class UnsupportedInput(InputError):
    code = "unsupported"


class EmptyInput(InputError):
    code = "empty"


class UndecodableInput(InputError):
    code = "encoding"


class CorruptInput(InputError):
    code = "corrupt"


class TooLargeInput(InputError):
    code = "too_large"


class BadExtraction(InputError):
    code = "bad_json"


class ConfigError(MinutesError):
    code = "config"


class RuleFileError(MinutesError):
    code = "rules"


class TemplateError(MinutesError):
    code = "template"


class LedgerError(MinutesError):
    code = "ledger"


class LedgerUnavailable(LedgerError):
    code = "ledger_unavailable"


class UnknownTask(LedgerError):
    code = "not_found"


class BadChange(LedgerError):
    code = "invalid"

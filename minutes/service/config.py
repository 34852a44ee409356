"""Service settings: environment variables with the MINUTES_ prefix, validated once.

    MINUTES_API_TOKEN         when set, every /api/ route needs 'Authorization: Bearer <token>'
    MINUTES_MAX_UPLOAD_BYTES  largest document accepted (default 20 MiB); 413 beyond it
    MINUTES_REQUEST_TIMEOUT   seconds one document may take (default 60); 504 beyond it
    MINUTES_PROCESSES         job processes per server worker doing the CPU work (default 2)
    MINUTES_MAX_JOBS          documents running or waiting per server worker (default 16); 503 beyond it
    MINUTES_CORS_ORIGINS      comma-separated origins allowed to call the API from a browser (default: none)
    MINUTES_DB                the task ledger: a SQLite file or postgresql:// URL (default: minutes.db here)

Routes read them through ``Depends(get_settings)``; tests pass their own ``Settings``
to ``create_app`` (or override ``get_settings``), and ``get_settings.cache_clear()``
re-reads the environment.
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Mapping, Optional

from pydantic import (BaseModel, ConfigDict, Field, PositiveFloat, PositiveInt, SecretStr, ValidationError,
                      field_validator)

from ..errors import ConfigError
from ..read import Limits

ENV_PREFIX = "MINUTES_"
FORM_OVERHEAD = 64 * 1024   # room for a multipart form's own boundaries, headers and fields


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    api_token: Optional[SecretStr] = Field(None, description="bearer token every /api/ route requires; unset: open")
    max_upload_bytes: PositiveInt = Field(20 * 1024 * 1024, description="largest document accepted, in bytes")
    request_timeout: PositiveFloat = Field(60.0, description="seconds one document may take before a 504")
    processes: PositiveInt = Field(2, description="job processes per server worker doing the CPU work")
    max_jobs: PositiveInt = Field(16, description="documents running or waiting per server worker before a 503")
    cors_origins: list[str] = Field(default_factory=list, description="origins allowed to call the API; none: CORS off")
    db: Optional[str] = Field(None, description="the task ledger: SQLite file or postgresql:// URL; unset: minutes.db")

    @field_validator("api_token", mode="before")
    @classmethod
    def _blank_token_is_none(cls, value):
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value):
        return [o.strip() for o in value.split(",") if o.strip()] if isinstance(value, str) else value

    @property
    def limits(self) -> Limits:
        return Limits(max_bytes=self.max_upload_bytes)

    @property
    def max_body_bytes(self) -> int:
        return self.max_upload_bytes + FORM_OVERHEAD


def env_name(field: str) -> str:
    return ENV_PREFIX + field.upper()


def load_settings(environ: Mapping[str, str]) -> Settings:
    """Settings from MINUTES_* variables; ConfigError naming the variable and its value."""
    values = {name: environ[env_name(name)] for name in Settings.model_fields if env_name(name) in environ}
    try:
        return Settings.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = env_name(str(first["loc"][0]))
        shown = "…" if name == env_name("api_token") else repr(environ.get(name))
        raise ConfigError(f"环境变量 {name}={shown} 无效：{first['msg']}") from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings(os.environ)

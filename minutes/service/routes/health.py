"""GET /healthz: the process answers (for load balancers and `minutes serve` checks)."""
from __future__ import annotations

from fastapi import APIRouter

from ... import __version__
from ..models import Health

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, summary="Liveness")
async def healthz() -> Health:
    return Health(status="ok", version=__version__)

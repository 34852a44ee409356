"""Wires the routers: the versioned API (behind the optional bearer token), health and the page."""
from fastapi import APIRouter, Depends

from .routes import deadline, extract, health, ledger, lint, page, render
from .routes.deps import require_token

API_PREFIX = "/api/v1"

api_router = APIRouter(prefix=API_PREFIX, dependencies=[Depends(require_token)])
api_router.include_router(extract.router)
api_router.include_router(lint.router)
api_router.include_router(render.router)
api_router.include_router(deadline.router)
api_router.include_router(ledger.router)

site_router = APIRouter()
site_router.include_router(health.router)
site_router.include_router(page.router)

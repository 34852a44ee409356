"""GET /: the web page (templates/web/index.html); its assets are served at /static/."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ... import __version__
from ...resources import templates_dir
from ..config import Settings, get_settings

router = APIRouter(include_in_schema=False)


def web_dir() -> Path:
    return templates_dir() / "web"


@lru_cache(maxsize=1)
def page_templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(web_dir()), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined)
    return Jinja2Templates(env=env)


@router.get("/", response_class=HTMLResponse)
async def page(request: Request, settings: Settings = Depends(get_settings)) -> HTMLResponse:
    context = {"auth_required": settings.api_token is not None, "max_upload_bytes": settings.max_upload_bytes,
               "version": __version__}
    return page_templates().TemplateResponse(request, "index.html", context)

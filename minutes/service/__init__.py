"""The web page and HTTP API: `create_app()` builds it, `serve()` runs it under uvicorn.

    GET  /                  the page (templates/web/), in Chinese, no build step, no CDN
    GET  /healthz           liveness
    POST /api/v1/extract    notes → the contract's object (+ document_text)
    POST /api/v1/lint       notes → findings (?format=json|sarif)
    POST /api/v1/render     notes or an edited extraction → .docx / .xlsx / .md / .ics
    POST /api/v1/deadline   a deadline as typed (4月30日, 下周三) → the day it resolves to
    GET  /docs              the OpenAPI schema, browsable (Swagger UI served locally, no CDN)

Uploads are held in memory and never written to disk or logged; see docs/service.md.
"""
from __future__ import annotations

from contextlib import asynccontextmanager
from typing import Optional

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from .. import __version__
from ..errors import MinutesError
from .config import Settings, get_settings
from .errors import handle_error
from .main import api_router, site_router
from .routes import work
from .routes.page import web_dir
from .routes.pool import Pool

__all__ = ["create_app", "serve", "Settings", "get_settings"]
DESCRIPTION = "会议纪要处理：提取会议信息、决议与待办，检查含糊表述，生成 Word 纪要、任务跟踪表与日历。"


def create_app(settings: Optional[Settings] = None) -> FastAPI:
    """The app; ``settings`` (tests) wins over the environment's for every route."""
    settings = settings or get_settings()
    app = FastAPI(title="minutes", version=__version__, lifespan=_lifespan, description=DESCRIPTION,
                  docs_url=None, redoc_url=None)
    app.dependency_overrides[get_settings] = lambda: settings
    app.state.pool = Pool(settings.processes, settings.max_jobs)
    for error in (MinutesError, RequestValidationError, HTTPException, Exception):
        app.add_exception_handler(error, handle_error)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST", "PATCH"],
                           allow_headers=["Authorization", "Content-Type"], expose_headers=["Content-Disposition"])
    app.mount("/static", StaticFiles(directory=web_dir() / "static"), name="static")
    _docs(app)
    app.include_router(api_router)
    app.include_router(site_router)
    return app


def _docs(app: FastAPI) -> None:
    """Swagger UI from the swagger-ui-bundle package, so /docs works in an office without internet."""
    from fastapi.openapi.docs import get_swagger_ui_html
    from swagger_ui_bundle import swagger_ui_path

    app.mount("/docs-static", StaticFiles(directory=swagger_ui_path), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    def docs():
        return get_swagger_ui_html(openapi_url=app.openapi_url, title="minutes API",
                                   swagger_js_url="/docs-static/swagger-ui-bundle.js",
                                   swagger_css_url="/docs-static/swagger-ui.css",
                                   swagger_favicon_url="/docs-static/favicon-32x32.png")


@asynccontextmanager
async def _lifespan(app: FastAPI):
    app.state.pool.warm_up(work.warm_up)
    yield
    app.state.pool.shutdown()


def serve(host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Run under uvicorn; each worker builds its own app (and job processes) from the environment's settings."""
    import uvicorn
    get_settings()      # a bad MINUTES_* variable stops here, before any worker starts
    uvicorn.run("minutes.service:create_app", factory=True, host=host, port=port, workers=workers,
                proxy_headers=False, server_header=False)

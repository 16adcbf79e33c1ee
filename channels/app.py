"""The FastAPI gateway: owns the conversation record and talks to Rasa over HTTP."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from bootstrap import Repairline, bootstrap
from bot import errors
from bot.services.conversations import replay_kept
from channels.routes import chat, health, staff, triage

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("repairline.gateway")

# Domain errors become HTTP answers here, and only here.
STATUS_FOR = {
    errors.InvalidInput: 422,
    errors.NotFound: 404,
    errors.NotAllowed: 403,
    errors.InvalidTransition: 409,
    errors.Unavailable: 503,
    errors.PolicyError: 500,
}


def replay_spooled_messages(services: Repairline) -> None:
    """Messages kept while the database was down go into it, waiting for an agent."""
    try:
        count = replay_kept(services.spool, services.uow(), services.triager, services.now)
    except Exception as exc:  # the database may still be down: keep the spool for next time
        log.error("could not replay spooled messages yet (%s)", type(exc).__name__)  # no SQL parameters in logs
        return
    if count:
        log.warning("replayed %d message(s) kept while the database was down", count)


def create_app(app_services: Repairline | None = None) -> FastAPI:
    services = app_services or bootstrap()

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        replay_spooled_messages(services)
        yield

    app = FastAPI(title="Repairline", version="0.1.0", docs_url="/api/docs", openapi_url="/api/openapi.json",
                  lifespan=lifespan)
    app.state.repairline = services

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        # Refuse oversized bodies before reading them into memory.
        length = request.headers.get("content-length")
        if length and (not length.isdigit() or int(length) > services.settings.max_request_bytes):
            return JSONResponse({"detail": "request too large"}, status_code=413)
        return await call_next(request)

    @app.exception_handler(errors.RepairlineError)
    async def domain_error(_request: Request, exc: errors.RepairlineError):
        status = next((code for cls, code in STATUS_FOR.items() if isinstance(exc, cls)), 400)
        return JSONResponse({"detail": str(exc)}, status_code=status)

    @app.exception_handler(RequestValidationError)
    async def bad_request(_request: Request, exc: RequestValidationError):
        # Say what is wrong without echoing the (possibly personal) input back.
        problems = [{"loc": e.get("loc"), "msg": e.get("msg")} for e in exc.errors()]
        return JSONResponse({"detail": "invalid request", "problems": problems}, status_code=422)

    app.include_router(health.router)
    app.include_router(chat.router)
    app.include_router(triage.router)
    app.include_router(staff.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from adapters.rasa import action_server_ready
from bootstrap import Repairline
from channels.deps import services

router = APIRouter()


@router.get("/healthz")
def healthz(app: Repairline = Depends(services)) -> JSONResponse:
    """200 only when the gateway, Rasa (with a model), the action server and the database are all ready."""
    checks = {
        "gateway": True,
        "database": app.database_ready(),
        "rasa": bool(app.engine and getattr(app.engine, "ready", lambda: True)()),
        "action_server": action_server_ready(app.settings.action_server_url),
    }
    ok = all(checks.values())
    return JSONResponse({"status": "ok" if ok else "unavailable", "checks": checks}, status_code=200 if ok else 503)

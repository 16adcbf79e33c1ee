from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from bootstrap import Repairline
from channels.deps import services

router = APIRouter()


@router.get("/healthz")
def healthz(app: Repairline = Depends(services)) -> JSONResponse:
    """200 only when the gateway, Rasa (with a model), the action server and the database are all ready."""
    checks = app.readiness()
    ok = all(checks.values())
    return JSONResponse({"status": "ok" if ok else "unavailable", "checks": checks}, status_code=200 if ok else 503)

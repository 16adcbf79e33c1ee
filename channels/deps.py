"""Shared FastAPI dependencies."""

from __future__ import annotations

from fastapi import Request

from bootstrap import Repairline


def services(request: Request) -> Repairline:
    return request.app.state.repairline

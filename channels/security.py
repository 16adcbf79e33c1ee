"""Staff authentication: API keys sent as bearer tokens."""

from __future__ import annotations

import hashlib
import hmac

from fastapi import Depends, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from bootstrap import Repairline
from channels.deps import services

MIN_KEY_LENGTH = 24
bearer = HTTPBearer(auto_error=False, description="Staff API key")


def _digest(value: str) -> bytes:
    return hashlib.sha256(value.encode()).digest()


def parse_keys(raw: str) -> dict[bytes, str]:
    """'name:key,name2:key2' -> {sha256(key): name}. Short keys are ignored: they guess too easily."""
    keys: dict[bytes, str] = {}
    for item in filter(None, (part.strip() for part in raw.split(","))):
        name, _, key = item.partition(":")
        if name and len(key) >= MIN_KEY_LENGTH:
            keys[_digest(key)] = name
    return keys


def staff_user(credentials: HTTPAuthorizationCredentials | None = Depends(bearer),
               app: Repairline = Depends(services)) -> str:
    """The staff member's name, or 401. Every key is compared, in constant time."""
    unauthorised = HTTPException(401, "staff credentials required", headers={"WWW-Authenticate": "Bearer"})
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise unauthorised
    offered = _digest(credentials.credentials)
    user = None
    for digest, name in parse_keys(app.settings.staff_api_keys).items():
        if hmac.compare_digest(digest, offered):
            user = name
    if user is None:
        raise unauthorised
    return user

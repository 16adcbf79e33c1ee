"""The message catalogue: what the bot says, per language, from data files.

Keys are dotted paths into policy/messages/<lang>.yml. A missing key in another
language falls back to English; a missing English key is a bug and raises KeyError.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from bot.errors import PolicyError


def _flatten(prefix: str, node: Any, out: dict[str, str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), value, out)
    else:
        out[prefix] = "" if node is None else str(node)


class _Blank(dict):
    def __missing__(self, key: str) -> str:  # a missing placeholder is a bug: show it, do not crash a reply
        return "{" + key + "}"


class Texts:
    def __init__(self, catalogues: dict[str, dict[str, str]], defaults: dict[str, Any] | None = None):
        if "en" not in catalogues:
            raise PolicyError("the message catalogue needs an English file (en.yml)")
        self._catalogues = catalogues
        self._defaults = defaults or {}

    @classmethod
    def load(cls, directory: str | Path, defaults: dict[str, Any] | None = None) -> "Texts":
        catalogues: dict[str, dict[str, str]] = {}
        for path in sorted(Path(directory).glob("*.yml")):
            try:
                raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            except yaml.YAMLError as exc:
                raise PolicyError(f"message file {path} is not valid YAML: {exc}") from None
            flat: dict[str, str] = {}
            _flatten("", raw, flat)
            catalogues[path.stem] = flat
        return cls(catalogues, defaults)

    def has(self, key: str) -> bool:
        return key in self._catalogues["en"]

    def get(self, key: str, lang: str = "en", **params: Any) -> str:
        catalogue = self._catalogues.get(lang, {})
        template = catalogue.get(key) or self._catalogues["en"][key]
        return template.format_map(_Blank({**self._defaults, **params}))


def format_date(moment: datetime, tz) -> str:
    """'Friday 4 December' in the landlord's time zone (English; languages come later)."""
    local = moment.astimezone(tz)
    return f"{local:%A} {local.day} {local:%B}"


def format_time(moment: datetime, tz, now: datetime | None = None) -> str:
    """'3:40pm today', '9:05am tomorrow' or '9:05am on Friday 4 December'."""
    local = moment.astimezone(tz)
    clock = f"{local.hour % 12 or 12}:{local:%M}{'am' if local.hour < 12 else 'pm'}"
    if now is not None:
        days = (local.date() - now.astimezone(tz).date()).days
        if days == 0:
            return f"{clock} today"
        if days == 1:
            return f"{clock} tomorrow"
    return f"{clock} on {format_date(moment, tz)}"

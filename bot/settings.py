"""All configuration in one place. Nothing reads the environment at import time:
call get_settings() (or build Settings(...) in tests)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="REPAIRLINE_", env_file=None, extra="ignore")

    data_dir: Path = ROOT / "var"
    database_url: str | None = None  # default: SQLite file under data_dir

    host: str = "127.0.0.1"
    port: int = Field(8000, validation_alias=AliasChoices("PORT", "REPAIRLINE_PORT"))

    rasa_url: str = "http://127.0.0.1:5005"
    rasa_token: str | None = None  # Rasa's --auth-token for /model/parse
    action_server_url: str = "http://127.0.0.1:5055"
    rasa_timeout_s: float = 10.0

    policy_path: Path = ROOT / "policy" / "policy.yml"
    messages_dir: Path = ROOT / "policy" / "messages"
    lookup_dir: Path = ROOT / "data" / "lookups"

    # Staff API credentials: "name:key" pairs, comma-separated. Keys are compared
    # by SHA-256 digest in constant time; a key shorter than 24 chars is refused.
    staff_api_keys: str = ""

    landlord_name: str = "Brookfield Community Housing"
    landlord_phone: str = "0306 999 0000"

    max_message_chars: int = 2000
    max_request_bytes: int = 16_384

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'repairline.db'}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

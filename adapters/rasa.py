"""The Rasa server, over HTTP: the REST channel for conversations, /model/parse for
triage, /status for health. Rasa runs in its own environment (see README)."""

from __future__ import annotations

import httpx

from bot.errors import Unavailable
from bot.ports import DialogueEngine


class RasaEngine(DialogueEngine):
    def __init__(self, base_url: str, token: str | None = None, timeout_s: float = 10.0):
        self.base_url = base_url.rstrip("/")
        self.token = token
        # One pooled client: a new TCP connection per message would cost more than Rasa's NLU.
        self.client = httpx.Client(timeout=httpx.Timeout(timeout_s, connect=2.0),
                                   limits=httpx.Limits(max_connections=64, max_keepalive_connections=32))

    def _params(self) -> dict:
        return {"token": self.token} if self.token else {}

    def respond(self, conversation_key: str, text: str) -> list[str]:
        try:
            response = self.client.post(f"{self.base_url}/webhooks/rest/webhook",
                                        json={"sender": conversation_key, "message": text})
        except httpx.HTTPError as exc:
            raise Unavailable(f"dialogue engine unreachable: {type(exc).__name__}") from None
        if response.status_code != 200:
            raise Unavailable(f"dialogue engine answered {response.status_code}")
        try:
            return [item["text"] for item in response.json() if isinstance(item, dict) and item.get("text")]
        except ValueError:
            raise Unavailable("dialogue engine sent something that is not JSON") from None

    def parse(self, text: str) -> dict | None:
        try:
            response = self.client.post(f"{self.base_url}/model/parse", params=self._params(), json={"text": text})
            response.raise_for_status()
            return response.json()
        except (httpx.HTTPError, ValueError):
            return None

    def ready(self) -> bool:
        """True when Rasa answers and has a model loaded."""
        try:
            response = self.client.get(f"{self.base_url}/status", params=self._params(), timeout=2.0)
            return response.status_code == 200 and bool(response.json().get("model_file"))
        except (httpx.HTTPError, ValueError):
            return False


def action_server_ready(url: str) -> bool:
    try:
        return httpx.get(f"{url.rstrip('/')}/health", timeout=2.0).status_code == 200
    except httpx.HTTPError:
        return False

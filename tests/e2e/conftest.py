"""End-to-end fixtures: the service as residents meet it (see tests/harness.py)."""

from __future__ import annotations

import httpx
import pytest

from tests.harness import Service, current_model


@pytest.fixture(scope="session")
def service(tmp_path_factory):
    svc = Service(tmp_path_factory.mktemp("service"))
    try:
        svc.start(current_model())
        yield svc
    finally:
        svc.stop()


class Resident:
    """A resident typing into the web chat."""

    def __init__(self, service: Service):
        self.service = service
        self.client = httpx.Client(base_url=service.url, timeout=30)
        self.conversation_id: str | None = None
        self.transcript: list[tuple[str, str]] = []

    def say(self, text: str) -> list[str]:
        payload = {"text": text}
        if self.conversation_id:
            payload["conversation_id"] = self.conversation_id
        response = self.client.post("/api/chat", json=payload)
        assert response.status_code == 200, response.text
        body = response.json()
        self.conversation_id = body["conversation_id"]
        replies = [m["text"] for m in body["messages"]]
        self.transcript += [("resident", text)] + [("bot", r) for r in replies]
        return replies

    def last(self) -> str:
        return self.transcript[-1][1]

    def __repr__(self) -> str:  # shown when an assertion fails: the whole conversation
        return "\n" + "\n".join(f"{who}: {text}" for who, text in self.transcript)


@pytest.fixture()
def resident(service):
    person = Resident(service)
    yield person
    person.client.close()


@pytest.fixture()
def staff(service):
    with httpx.Client(base_url=service.url, timeout=30,
                      headers={"Authorization": f"Bearer {service.staff_key}"}) as client:
        yield client


@pytest.fixture()
def db(service):
    """Read what the service stored, through the same domain repositories."""
    from adapters.uow import SqlAlchemyUnitOfWork, make_engine, session_factory

    engine = make_engine(service.database_url)
    yield lambda: SqlAlchemyUnitOfWork(session_factory(engine))
    engine.dispose()

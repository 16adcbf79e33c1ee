"""The gateway's HTTP API through FastAPI, on real databases. Rasa is not running in
these tests (its port is closed), which is itself a case the service must handle."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from adapters import orm
from channels.app import create_app

STAFF = {"Authorization": "Bearer " + "k" * 32}


@pytest.fixture()
def client(demo):
    with TestClient(create_app(demo)) as c:
        yield c


def count(app, table):
    with app.db.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def test_when_rasa_is_down_the_resident_gets_an_honest_answer_and_the_message_is_kept(client, demo):
    reply = client.post("/api/chat", json={"text": "my bath tap is dripping"})
    assert reply.status_code == 200
    body = reply.json()
    assert "saved" in body["messages"][-1]["text"] and "0306 999 0000" in body["messages"][-1]["text"]
    with demo.uow() as uow:
        conversation = uow.conversations.get(body["conversation_id"])
        stored = uow.conversations.messages(conversation.id)
        assert [m.direction for m in stored] == ["in", "out"]
        assert stored[0].text == "my bath tap is dripping"
        assert conversation.status == "waiting_for_agent"
        assert uow.handoffs.open_for(conversation.id, "bot_unavailable") is not None


def test_gas_gets_safety_advice_first_even_when_rasa_is_down(client, demo):
    body = client.post("/api/chat", json={"text": "i smel gas in the kitchen"}).json()
    assert "0800 111 999" in body["messages"][0]["text"]
    with demo.uow() as uow:
        conversation = uow.conversations.get(body["conversation_id"])
        assert conversation.hazard_type == "gas"
        urgent = uow.handoffs.open_for(conversation.id, "emergency_hazard")
        assert urgent is not None and urgent.urgent


def test_safety_advice_is_not_repeated_in_the_same_conversation(client):
    first = client.post("/api/chat", json={"text": "there is a smell of gas"}).json()
    again = client.post("/api/chat", json={"conversation_id": first["conversation_id"],
                                           "text": "the gas smell is still there"}).json()
    assert sum("0800 111 999" in m["text"] for m in again["messages"]) == 0


def test_no_smell_of_gas_is_not_a_gas_emergency(client):
    body = client.post("/api/chat", json={"text": "no smell of gas, the boiler shows F28"}).json()
    assert not any("0800 111 999" in m["text"] for m in body["messages"])


@pytest.mark.parametrize("payload, status", [
    ({"text": ""}, 422),
    ({"text": "   \n  "}, 422),
    ({"text": "x" * 10_000}, 422),
    ({"text": "bad\x00bytes"}, 422),
    ({"text": 42}, 422),
    ({}, 422),
    ({"text": "hi", "conversation_id": "../../etc/passwd"}, 422),
    ({"text": "hi", "conversation_id": "short"}, 422),
])
def test_bad_input_gets_a_clear_error_and_changes_nothing(client, demo, payload, status):
    response = client.post("/api/chat", json=payload)
    assert response.status_code == status
    assert response.json()["detail"]
    assert count(demo, orm.messages) == 0 and count(demo, orm.conversations) == 0


def test_malformed_and_oversized_bodies_are_refused(client, demo):
    assert client.post("/api/chat", content=b"{not json", headers={"content-type": "application/json"}).status_code == 422
    binary = client.post("/api/chat", content=b"\xff\xfe\x00binary", headers={"content-type": "application/json"})
    assert binary.status_code in (400, 422) and binary.json()["detail"]
    lone_surrogate = b'{"text": "\\udcff"}'  # valid JSON, not valid text
    assert client.post("/api/chat", content=lone_surrogate, headers={"content-type": "application/json"}).status_code == 422
    big = b'{"text": "' + b"a" * 20_000 + b'"}'
    assert client.post("/api/chat", content=big, headers={"content-type": "application/json"}).status_code == 413
    assert count(demo, orm.messages) == 0


@pytest.mark.parametrize("text", ["🔧🚿💧", "<script>alert(1)</script> my door is broken",
                                  "'; DROP TABLE repairs; --", "مرحبا", "ü\u200d\u200f test"])
def test_odd_but_valid_text_is_stored_exactly_and_harms_nothing(client, demo, text):
    body = client.post("/api/chat", json={"text": text}).json()
    with demo.uow() as uow:
        conversation = uow.conversations.get(body["conversation_id"])
        assert uow.conversations.messages(conversation.id)[0].text == text
    assert count(demo, orm.repairs) == 0


def test_triage_api_works_on_rules_alone(client):
    body = client.post("/api/triage", json={"text": "water pouring through the kitchen ceiling"}).json()
    assert body["priority"] == "emergency"
    assert body["hazard"] == {"type": "flooding", "class": "emergency"}
    assert "stopcock" in body["safety_advice"]
    assert body["due"]["make_safe"] and body["due"]["target"]
    assert body["language"] == "en" and body["nlu"] is None

    routine = client.post("/api/triage", json={"text": "my kitchen tap is dripping"}).json()
    assert (routine["priority"], routine["hazard"], routine["safety_advice"], routine["language"]) == (
        "routine", None, None, "en")

    mould = client.post("/api/triage", json={"text": "widespread black mould, my son has asthma"}).json()
    assert mould["hazard"] == {"type": "damp_mould", "class": "emergency"}
    assert client.post("/api/triage", json={"text": ""}).status_code == 422


def test_staff_api_needs_credentials(client):
    for headers in ({}, {"Authorization": "Bearer wrong-key-wrong-key-wrong-key"}, {"Authorization": "Basic eDp5"}):
        assert client.get("/api/staff/repairs", headers=headers).status_code == 401
    assert client.get("/api/staff/repairs", headers=STAFF).json() == {"repairs": []}


def test_staff_move_a_repair_on_with_an_audit_trail(client, demo):
    from bot.services.repairs import RepairReport, report_repair

    repair = report_repair(RepairReport("door entry buzzer broken", "webchat", demo.now()), demo.uow(),
                           demo.triager, demo.now())
    url = f"/api/staff/repairs/{repair.reference}"
    assert client.post(url + "/status", json={"status": "scheduled"}).status_code == 401
    moved = client.post(url + "/status", json={"status": "scheduled", "note": "Thu 9-1"}, headers=STAFF).json()
    assert moved["status"] == "scheduled"
    assert moved["history"][-1] == {"status": "scheduled", "at": moved["history"][-1]["at"], "by": "staff:alex",
                                    "note": "Thu 9-1"}
    client.post(url + "/status", json={"status": "completed"}, headers=STAFF)
    conflict = client.post(url + "/status", json={"status": "in_progress"}, headers=STAFF)
    assert conflict.status_code == 409
    assert client.post(url + "/status", json={"status": "teleported"}, headers=STAFF).status_code == 422
    assert client.get("/api/staff/repairs/RL999999", headers=STAFF).status_code == 404
    listed = client.get("/api/staff/repairs?status=completed", headers=STAFF).json()["repairs"]
    assert [r["reference"] for r in listed] == [repair.reference]


def test_health_is_unavailable_while_rasa_is_down(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] is True and response.json()["checks"]["rasa"] is False


def test_web_chat_page_is_served(client):
    page = client.get("/")
    assert page.status_code == 200 and "Report a repair" in page.text
    assert client.get("/static/chat.js").status_code == 200


def test_when_the_database_is_down_the_message_is_kept_and_replayed_for_an_agent(tmp_path):
    from bootstrap import bootstrap
    from tests.conftest import settings_for

    down = bootstrap(settings_for(tmp_path, database_url="postgresql://postgres@127.0.0.1:1/nowhere"))
    with TestClient(create_app(down)) as client:
        reply = client.post("/api/chat", json={"text": "I can smell gas in the hall"})
    assert reply.status_code == 503
    texts = [m["text"] for m in reply.json()["messages"]]
    assert "0800 111 999" in texts[0] and "kept" in texts[-1]
    spooled = (tmp_path / "spool" / "inbound.jsonl").read_text()
    assert "smell gas" in spooled and oct((tmp_path / "spool" / "inbound.jsonl").stat().st_mode)[-3:] == "600"

    from adapters.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'repairline.db'}"
    upgrade(url)
    up = bootstrap(settings_for(tmp_path, database_url=url))
    with TestClient(create_app(up)):
        pass  # start-up replays the spool
    with up.uow() as uow:
        waiting = uow.handoffs.waiting()
        assert {(h.reason, h.urgent) for h in waiting} == {("database_unavailable", True), ("emergency_hazard", True)}
        conversation_messages = uow.conversations.messages(waiting[0].conversation_id)
        assert [m.text for m in conversation_messages] == ["I can smell gas in the hall"]
    assert not (tmp_path / "spool" / "inbound.jsonl").exists()


def test_a_database_failure_does_not_write_the_message_into_the_logs(tmp_path, caplog):
    from adapters.migrate import upgrade
    from bootstrap import bootstrap
    from tests.conftest import settings_for

    # The failing INSERT carries the resident's words as SQL parameters.
    url = f"sqlite:///{tmp_path / 'broken.db'}"
    upgrade(url)
    broken = bootstrap(settings_for(tmp_path, database_url=url))
    with broken.db.begin() as connection:
        connection.exec_driver_sql("DROP TABLE messages")
    with TestClient(create_app(broken)) as client:
        assert client.post("/api/chat", json={"text": "my tenancy is TEN-0042 and my leak"}).status_code == 503
    assert "OperationalError" in caplog.text and "TEN-0042" not in caplog.text

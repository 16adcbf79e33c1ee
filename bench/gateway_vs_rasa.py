"""How much the gateway adds on top of Rasa.

Starts the whole service (tests/harness.py), then sends the same realistic resident
messages through the gateway (POST /api/chat: stores every message, runs the hazard
rules, calls Rasa) and straight to Rasa's REST channel on the same model, one at a
time, and prints p50/p95 latency and throughput for both, then their ratio.

    .venv/bin/python bench/gateway_vs_rasa.py [N]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.harness import Service, current_model  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def conversations() -> list[list[str]]:
    """Three-turn conversations made of held-out resident messages: a report, where,
    and which home — the common opening of a real chat."""
    data = yaml.safe_load((ROOT / "tests" / "nlu" / "heldout.yml").read_text())
    by_intent = {block["intent"]: [line[2:].strip() for line in block["examples"].splitlines() if line.strip()]
                 for block in data["nlu"]}
    reports, informs = by_intent["report_repair"], by_intent["inform"]
    return [[reports[i % len(reports)], informs[i % len(informs)], "flat 4, ZZ1 2AD"] for i in range(len(reports))]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def run(send, convs: list[list[str]], n: int) -> tuple[list[float], float]:
    latencies: list[float] = []
    started = time.perf_counter()
    i = 0
    while len(latencies) < n:
        conversation_id = None
        for text in convs[i % len(convs)]:
            t0 = time.perf_counter()
            conversation_id = send(text, conversation_id)
            latencies.append(time.perf_counter() - t0)
            if len(latencies) >= n:
                break
        i += 1
    return latencies, len(latencies) / (time.perf_counter() - started)


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    convs = conversations()
    with tempfile.TemporaryDirectory() as workdir:
        service = Service(Path(workdir))
        service.start(current_model())
        try:
            client = httpx.Client(timeout=30)
            engine_ms: list[float] = []
            rasa_url = f"http://127.0.0.1:{service.ports['rasa']}/webhooks/rest/webhook"

            def via_gateway(text, conversation_id):
                payload = {"text": text} | ({"conversation_id": conversation_id} if conversation_id else {})
                response = client.post(f"{service.url}/api/chat", json=payload)
                response.raise_for_status()
                timing = response.headers.get("server-timing", "")
                if "dur=" in timing:
                    engine_ms.append(float(timing.split("dur=")[1]))
                return response.json()["conversation_id"]

            def via_rasa(text, sender):
                sender = sender or uuid.uuid4().hex
                client.post(rasa_url, json={"sender": sender, "message": text}).raise_for_status()
                return sender

            run(via_rasa, convs, 30)  # warm up both paths
            run(via_gateway, convs, 30)
            results = {}
            for name, send in (("rasa", via_rasa), ("gateway", via_gateway)):
                latencies, throughput = run(send, convs, n)
                results[name] = statistics.median(latencies)
                print(f"{name:8s} n={n} p50={statistics.median(latencies) * 1000:.1f} ms "
                      f"p95={percentile(latencies, 0.95) * 1000:.1f} ms throughput={throughput:.1f} msg/s")
            print(f"gateway's own wait for Rasa: p50={statistics.median(engine_ms):.1f} ms")
            print(f"gateway/rasa p50 ratio: {results['gateway'] / results['rasa']:.2f}")
        finally:
            service.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

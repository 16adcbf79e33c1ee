"""Start the whole service (Rasa, action server, gateway) on free loopback ports with
the demo landlord in a fresh SQLite database. Used by the end-to-end tests and bench/."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bot.settings import ROOT

RASA = ROOT / ".venv-rasa" / "bin" / "rasa"
READY_TIMEOUT_S = 300  # loading TensorFlow and the model takes a while on 2 cores


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def current_model() -> Path:
    marker = ROOT / "models" / "current"
    if not marker.exists():
        raise RuntimeError("no trained model: run `make test` (it trains one) or scripts/train.sh")
    return ROOT / marker.read_text().strip()


class Service:
    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.ports = {name: free_port() for name in ("rasa", "actions", "gateway")}
        self.token = secrets.token_urlsafe(24)
        self.staff_key = secrets.token_urlsafe(32)
        self.database_url = f"sqlite:///{workdir / 'repairline.db'}"
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "REPAIRLINE_DATA_DIR": str(workdir),
            "REPAIRLINE_DATABASE_URL": self.database_url,
            "REPAIRLINE_RASA_URL": f"http://127.0.0.1:{self.ports['rasa']}",
            "REPAIRLINE_RASA_TOKEN": self.token,
            "REPAIRLINE_ACTION_SERVER_URL": f"http://127.0.0.1:{self.ports['actions']}",
            "REPAIRLINE_STAFF_API_KEYS": f"tester:{self.staff_key}",
            "SANIC_HOST": "127.0.0.1",
            "TF_CPP_MIN_LOG_LEVEL": "2",
        }
        self.processes: list[tuple[str, subprocess.Popen, Path]] = []
        self.url = f"http://127.0.0.1:{self.ports['gateway']}"
        self.endpoints = workdir / "endpoints.yml"

    def _start(self, name: str, command: list[str]) -> None:
        log = self.workdir / f"{name}.log"
        process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log.open("w"),
                                   stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append((name, process, log))

    def start(self, model: Path) -> None:
        python = sys.executable
        subprocess.run([python, "-m", "adapters.migrate"], cwd=ROOT, env=self.env, check=True)
        subprocess.run([python, "-m", "scripts.load_demo"], cwd=ROOT, env=self.env, check=True,
                       stdout=subprocess.DEVNULL)
        self.endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{self.ports["actions"]}/webhook"\n')
        self._start("actions", [python, "-m", "rasa_sdk", "--actions", "actions", "-p", str(self.ports["actions"])])
        self._start("rasa", [str(RASA), "run", "--enable-api", "--auth-token", self.token, "-i", "127.0.0.1",
                             "-p", str(self.ports["rasa"]), "--model", str(model), "--endpoints",
                             str(self.endpoints), "--credentials", str(ROOT / "credentials.yml")])
        self._start("gateway", [python, "-m", "uvicorn", "--factory", "channels.app:create_app",
                                "--host", "127.0.0.1", "--port", str(self.ports["gateway"])])
        self.wait_ready()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            for name, process, log in self.processes:
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited early:\n{log.read_text()[-3000:]}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)  # polling for readiness, bounded by the deadline
        logs = "\n".join(f"--- {n}\n{log.read_text()[-2000:]}" for n, _, log in self.processes)
        raise RuntimeError(f"service not ready after {READY_TIMEOUT_S}s\n{logs}")

    def stop(self) -> None:
        for _name, process, _log in reversed(self.processes):
            process.terminate()
        for _name, process, _log in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

"""Rasa's own checks: the training data validates, the test stories pass against the
real action server, and the model understands held-out resident messages."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from bot.settings import ROOT
from tests.harness import RASA, current_model

pytestmark = pytest.mark.e2e


def rasa(*args: str, env: dict | None = None, timeout: int = 900) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "2", **(env or {})}
    return subprocess.run([str(RASA), *args], cwd=ROOT, env=environment, capture_output=True, text=True,
                          timeout=timeout)


def test_training_data_validates():
    result = rasa("data", "validate", "--fail-on-warnings", "--data", "data", "--domain", "domain.yml",
                  "--config", "config.yml")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


def test_rasa_test_stories_pass(service, tmp_path):
    out = tmp_path / "core"
    result = rasa("test", "core", "--stories", "tests/stories", "--model", str(current_model()),
                  "--endpoints", str(service.endpoints), "--out", str(out), "--fail-on-prediction-errors")
    failed = (out / "failed_test_stories.yml")
    detail = failed.read_text() if failed.exists() else result.stdout[-4000:] + result.stderr[-4000:]
    assert result.returncode == 0, detail


def test_intent_f1_on_held_out_messages(tmp_path):
    out = tmp_path / "nlu"
    result = rasa("test", "nlu", "--nlu", "tests/nlu/heldout.yml", "--model", str(current_model()),
                  "--out", str(out))
    assert result.returncode == 0, result.stderr[-4000:]
    report = json.loads((out / "intent_report.json").read_text())
    # The goal is 0.95 (README states the measured figure); below 0.90 is a regression.
    assert report["weighted avg"]["f1-score"] >= 0.90, json.dumps(report["weighted avg"])
    assert report["report_repair"]["recall"] >= 0.95, json.dumps(report["report_repair"])

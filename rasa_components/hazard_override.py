"""Rasa NLU component: deterministic hazard rules override the model's intent.

If the keyword rules (bot/keywords.py, the same rules the gateway and actions use)
find a hazard, the message is handled as a repair report whatever the model guessed:
a resident reporting gas must not be treated as chit-chat because the model was unsure.
Journeys the resident explicitly asked for (a person, a complaint, status, cancel)
keep their intent; the gateway still guarantees the safety advice in those cases.

Runs inside the Rasa environment: it may import only bot.keywords (stdlib + PyYAML).
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.keywords import Lexicon

KEEP = ["request_human", "complain", "check_status", "cancel_repair"]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class HazardOverride(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"lookup_dir": "data/lookups", "intent": "report_repair", "keep_intents": KEEP}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.intent = config["intent"]
        self.keep = set(config["keep_intents"])
        self.lexicon = Lexicon.load(config["lookup_dir"])

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "HazardOverride":
        return cls(config)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "HazardOverride":
        return cls(config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get("text")
            current = (message.get("intent") or {}).get("name")
            if not text or current == self.intent or current in self.keep or not self.lexicon.hazards(text):
                continue
            message.set("intent", {"name": self.intent, "confidence": 1.0}, add_to_output=True)
            ranking = [r for r in message.get("intent_ranking") or [] if r.get("name") != self.intent]
            message.set("intent_ranking", [{"name": self.intent, "confidence": 1.0}] + ranking, add_to_output=True)
        return messages

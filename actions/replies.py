"""Fixed replies from the message catalogue, one Rasa action per reply."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.runtime import say


class CatalogueReply(Action):
    """Says one catalogue text. Subclasses name the action and the text."""

    action_name = ""
    key = ""

    def name(self) -> str:
        return self.action_name

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        say(dispatcher, self.key)
        return []


REPLIES = {
    "action_reply_greet": "greet",
    "action_reply_goodbye": "goodbye",
    "action_reply_thank": "thank",
    "action_reply_bot_challenge": "bot_challenge",
    "action_reply_help": "help",
    "action_reply_ask_rent": "out_of_scope.ask_rent",
    "action_reply_report_noise": "out_of_scope.report_noise",
    "action_reply_ask_permission": "out_of_scope.ask_permission",
    # Rasa's own fallback (no confident next action) says the same as ours.
    "action_default_fallback": "fallback",
}

for _action, _key in REPLIES.items():
    globals()[_action] = type(_action, (CatalogueReply,), {"action_name": _action, "key": _key})

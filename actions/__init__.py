"""Rasa custom actions, split by journey. Importing this package does no I/O: the
application is wired on first use (actions/runtime.py)."""

"""ASGI entry point: `uvicorn channels.main:app`. Wiring happens here, at start-up."""

from channels.app import create_app

app = create_app()

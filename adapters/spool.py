"""A last-resort store for messages that arrive while the database is down.

One JSON line per message in a file only the service user can read (it holds
personal data, like the database). Replayed into the database at start-up.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from bot.ports import MessageSpool


class FileSpool(MessageSpool):
    def __init__(self, path: Path):
        self.path = path

    def append(self, record: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as out:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
            os.fsync(out.fileno())

    def take_all(self) -> list[dict]:
        """Everything spooled so far; the file is moved aside first, so a message that
        arrives meanwhile goes to a new file and is not lost."""
        if not self.path.exists():
            return []
        taking = self.path.with_suffix(".replaying")
        if not taking.exists():
            self.path.rename(taking)
        records = [json.loads(line) for line in taking.read_text(encoding="utf-8").splitlines() if line.strip()]
        return records

    def done(self) -> None:
        self.path.with_suffix(".replaying").unlink(missing_ok=True)

"""Load the demo landlord (demo/landlord.yml) into the configured database.

    python -m scripts.load_demo [path]
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from bootstrap import bootstrap
from bot.services.demo import HomeRecord, load_homes

DEFAULT = Path(__file__).resolve().parent.parent / "demo" / "landlord.yml"


def records(path: Path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for estate in data["estates"]:
        groups = [(b["name"], b["homes"]) for b in estate.get("blocks") or []]
        groups.append((None, estate.get("houses") or []))
        for block, homes in groups:
            for home in homes:
                resident = home.get("resident") or {}
                yield HomeRecord(
                    uprn=str(home["uprn"]), address=home["address"], door_number=str(home["door_number"]),
                    postcode=home["postcode"], estate=estate["name"], block=block,
                    resident_name=resident.get("name"), phone=resident.get("phone"),
                    language=resident.get("language") or "en", tenancy_ref=resident.get("tenancy_ref"),
                    vulnerability=resident.get("vulnerability"),
                )


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    app = bootstrap(with_engine=False)
    homes, residents = load_homes(records(path), app.uow(), app.now())
    print(f"demo data: {homes} homes, {residents} residents loaded from {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

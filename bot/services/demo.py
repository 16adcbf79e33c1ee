"""Loading a landlord's homes and residents (the demo data set, or an import)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from bot.domain.model import Property, Resident, VulnerabilityNote
from bot.errors import InvalidInput
from bot.ports import UnitOfWork
from bot.services.homes import normalise_phone, normalise_postcode


@dataclass(frozen=True)
class HomeRecord:
    uprn: str
    address: str
    door_number: str
    postcode: str
    estate: str | None
    block: str | None
    resident_name: str | None
    phone: str | None
    language: str
    tenancy_ref: str | None
    vulnerability: str | None


def load_homes(records: Iterable[HomeRecord], uow: UnitOfWork, now: datetime) -> tuple[int, int]:
    """Adds or updates homes by UPRN and residents by tenancy reference; running it
    twice changes nothing. Returns (homes, residents) processed."""
    homes = residents = 0
    with uow:
        for record in records:
            postcode = normalise_postcode(record.postcode)
            if not postcode:
                raise InvalidInput(f"home {record.uprn}: {record.postcode!r} is not a postcode")
            prop = uow.properties.by_uprn(record.uprn)
            if prop is None:
                prop = Property(record.uprn, record.address, record.door_number.upper(), postcode)
                uow.properties.add(prop)
            prop.address, prop.door_number, prop.postcode = record.address, record.door_number.upper(), postcode
            prop.estate, prop.block = record.estate, record.block
            homes += 1
            if not record.resident_name:
                continue
            resident = uow.residents.by_tenancy_ref(record.tenancy_ref) if record.tenancy_ref else None
            phone = normalise_phone(record.phone) if record.phone else None
            if resident is None:
                resident = Resident(record.resident_name, prop.id, phone, record.language, record.tenancy_ref)
                uow.residents.add(resident)
                if record.vulnerability:
                            uow.residents.add_vulnerability(VulnerabilityNote(resident.id, None, record.vulnerability, now, "demo"))
            resident.name, resident.property_id, resident.phone = record.resident_name, prop.id, phone
            resident.preferred_language = record.language
            residents += 1
        uow.commit()
    return homes, residents

"""Working out which home and resident a conversation is about."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from bot.domain.model import Property, Resident
from bot.errors import InvalidInput
from bot.ports import UnitOfWork

# UK postcode, loosely (the strict rules reject real edge cases); spaces optional.
POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b", re.IGNORECASE)
TENANCY_REF = re.compile(r"\bTEN[-\s]?(\d{4})\b", re.IGNORECASE)
# "flat 12", "no. 7", "number 3a", or a bare number/number+letter before the postcode.
DOOR = re.compile(r"\b(?:flat|apartment|apt|house|no\.?|number|unit)?\s*#?(\d{1,4}[a-z]?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class HomeClues:
    door_number: str | None = None
    postcode: str | None = None
    tenancy_ref: str | None = None

    @property
    def usable(self) -> bool:
        return bool(self.tenancy_ref or (self.door_number and self.postcode))


def normalise_postcode(raw: str) -> str | None:
    match = POSTCODE.search(raw or "")
    return f"{match.group(1)} {match.group(2)}".upper() if match else None


def normalise_phone(raw: str, region: str = "GB") -> str:
    """E.164 form of a phone number; raises InvalidInput if it cannot be one."""
    try:
        number = phonenumbers.parse(raw.removeprefix("whatsapp:"), region)
    except phonenumbers.NumberParseException:
        raise InvalidInput("not a phone number") from None
    # is_possible, not is_valid: Ofcom's drama range and new ranges fail is_valid.
    if not phonenumbers.is_possible_number(number):
        raise InvalidInput("not a phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def home_clues(text: str) -> HomeClues:
    tenancy = TENANCY_REF.search(text or "")
    postcode_match = POSTCODE.search(text or "")
    door = None
    if postcode_match:
        before = text[: postcode_match.start()]
        doors = DOOR.findall(before)
        door = doors[-1].upper() if doors else None
    return HomeClues(
        door_number=door,
        postcode=f"{postcode_match.group(1)} {postcode_match.group(2)}".upper() if postcode_match else None,
        tenancy_ref=f"TEN-{tenancy.group(1)}" if tenancy else None,
    )


@dataclass(frozen=True)
class Household:
    property_id: int
    address: str
    resident_id: int | None


def find_household(clues: HomeClues, uow: UnitOfWork) -> Household | None:
    """The home (and its resident) these clues point to, or None."""
    resident: Resident | None = None
    prop: Property | None = None
    with uow:
        if clues.tenancy_ref:
            resident = uow.residents.by_tenancy_ref(clues.tenancy_ref)
            prop = uow.properties.get(resident.property_id) if resident and resident.property_id else None
        if prop is None and clues.door_number and clues.postcode:
            prop = uow.properties.by_door_and_postcode(clues.door_number, clues.postcode)
            resident = uow.residents.at_property(prop.id) if prop else None
        if prop is None:
            return None
        return Household(prop.id, prop.address, resident.id if resident else None)


def household_for_resident(resident_id: int, uow: UnitOfWork) -> Household | None:
    with uow:
        resident = uow.residents.get(resident_id)
        if resident is None or resident.property_id is None:
            return None
        prop = uow.properties.get(resident.property_id)
        return Household(prop.id, prop.address, resident.id) if prop else None

"""The household's sensitive details of a hardship file: members with their health and
income, the monthly income, the exact address. One JSON document, sealed to the file's row
(``HardshipFile.sealing_context``), opened only on a logged reveal or by the services."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from zhigong.core import crypto
from zhigong.hardship.models import HardshipFile
from zhigong.members.personal import SealBroken

COLUMN = "sensitive"


@dataclass
class HouseholdMember:
    name: str
    relation: str
    birth_year: int | None = None
    health: str = ""
    income: Decimal | None = None  # monthly, yuan
    work_status: str = ""


@dataclass
class Household:
    address: str = ""
    monthly_income: Decimal | None = None  # the household's, yuan
    members: list[HouseholdMember] = field(default_factory=list)

    def per_capita(self, size: int) -> Decimal | None:
        if self.monthly_income is None:
            return None
        return (self.monthly_income / max(size, 1)).quantize(Decimal("0.01"))


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def seal(file: HardshipFile, household: Household) -> None:
    """Set ``file.sensitive_encrypted`` (after its ID number: the seal is bound to it)."""
    assert file.id_number_index, "set the ID number first"
    doc = {k: _plain(v) for k, v in asdict(household).items() if k != "members"}
    doc["members"] = [{k: _plain(v) for k, v in asdict(m).items()} for m in household.members]
    file.sensitive_encrypted = crypto.encrypt(
        json.dumps(doc, ensure_ascii=False), context=file.sealing_context(COLUMN)
    )


def _decimal(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def opened(file: HardshipFile) -> Household:
    if not file.sensitive_encrypted:
        return Household()
    try:
        doc = json.loads(
            crypto.decrypt(file.sensitive_encrypted, context=file.sealing_context(COLUMN))
        )
    except crypto.SealBroken:
        raise SealBroken() from None
    return Household(
        address=doc.get("address", ""),
        monthly_income=_decimal(doc.get("monthly_income")),
        members=[
            HouseholdMember(**{**m, "income": _decimal(m.get("income"))})
            for m in doc.get("members", [])
        ],
    )

"""Employee kinds and gender codes shared by the NIP rules and the models.

Sources (``domain/rules.md`` §9.1, §9.4):

- Employee kinds: PNS (civil servant) and PPPK (government employee on contract,
  PP 49/2018). Both are ASN under UU 5/2014, replaced by UU 20/2023 [H]
  (enacted 31 October 2023 [M]).
- "PPPK paruh waktu" (part-time PPPK, UU 20/2023) is deliberately not a kind yet:
  its rules are still changing. [M]
- Gender digit 15 of the NIP: 1 = male, 2 = female. [H]
"""

from enum import StrEnum


class EmployeeKind(StrEnum):
    """Kind of ASN employee. CPNS (on probation) are ``PNS`` here."""

    PNS = "pns"
    PPPK = "pppk"


class Gender(StrEnum):
    """Gender as encoded in NIP digit 15 (``1`` male, ``2`` female)."""

    MALE = "male"
    FEMALE = "female"

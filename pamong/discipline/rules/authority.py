"""Who may impose which sanction (PYBMH) in a kabupaten/kota, and who examines.

Sources (``domain/rules.md`` §1.7, §1.8 item 5):

- **PP 94/2021 Pasal 18–25** (S-PP94data ``pejabat.js``) [H-M]:
  - the **PPK** (Bupati/Wali Kota) imposes every level on **JPT Pratama** and on **JF Ahli Utama**, sedang and
    berat on **Administrator and below**, and berat on other JF;
  - a **JPT Pratama** (kepala OPD) imposes ringan one level below (Administrator), sedang two levels below
    (Pengawas), and ringan and sedang on JF in the unit;
  - an **Administrator** (sekretaris, kabid, camat) imposes ringan on Pengawas, sedang on Pelaksana, and
    ringan and sedang on JF in the unit;
  - a **Pengawas** (kasubbag, kasi) imposes ringan on Pelaksana.
  Where the post at that level is vacant, authority passes to the **next higher official** [H]; so the PYBMH
  of a case is the first official up the offender's chain at or above the lowest competent level, and the
  PPK above them all. (A designated JF Ahli Madya/Muda acting for a missing Administrator/Pengawas [M] is not
  modelled: such a unit's chain simply skips to the next structural head.)
- **Examination** (PP 94/2021 Pasal 26–37, PerBKN 6/2022) [M-H]: ringan by the direct superior; sedang by the
  direct superior or a Tim Pemeriksa if one is formed; berat by a **Tim Pemeriksa, required**: the direct
  superior, an element of the supervisory unit (Inspektorat) and of the personnel unit (BKPSDM), none of
  them below the examinee's rank (golongan).

Pure module: no Django, no clock, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum, StrEnum

from pamong.org.rules.echelons import PositionType

from .errors import DisciplineRuleError
from .sanctions import Level

AUTHORITY_SOURCE = "PP 94/2021 Pasal 18–25"
EXAMINATION_SOURCE = "PP 94/2021 Pasal 26–37; PerBKN 6/2022"


class Authority(IntEnum):
    """The levels that may impose sanctions, lowest first; ``PPK`` is the Bupati/Wali Kota."""

    PENGAWAS = 1
    ADMINISTRATOR = 2
    JPT_PRATAMA = 3
    PPK = 4

    @property
    def label_id(self) -> str:
        return {
            Authority.PENGAWAS: "Pengawas",
            Authority.ADMINISTRATOR: "Administrator",
            Authority.JPT_PRATAMA: "JPT Pratama",
            Authority.PPK: "PPK (Bupati/Wali Kota)",
        }[self]


#: The authority a head post carries, by its position type (a Pelaksana or JF post heads no unit here).
AUTHORITY_OF_POST: dict[PositionType, Authority] = {
    PositionType.PENGAWAS: Authority.PENGAWAS,
    PositionType.ADMINISTRATOR: Authority.ADMINISTRATOR,
    PositionType.JPT_PRATAMA: Authority.JPT_PRATAMA,
}


def lowest_authority(offender: PositionType, level: Level, *, ahli_utama: bool = False) -> Authority:
    """The lowest level competent to impose a ``level`` sanction on an ``offender`` of that position type."""
    if offender is PositionType.JPT_PRATAMA or (offender is PositionType.FUNGSIONAL and ahli_utama):
        return Authority.PPK
    if level is Level.BERAT:
        return Authority.PPK
    if offender is PositionType.ADMINISTRATOR:
        return Authority.JPT_PRATAMA if level is Level.RINGAN else Authority.PPK
    if offender is PositionType.PENGAWAS:
        return Authority.ADMINISTRATOR if level is Level.RINGAN else Authority.JPT_PRATAMA
    if offender is PositionType.PELAKSANA:
        return Authority.PENGAWAS if level is Level.RINGAN else Authority.ADMINISTRATOR
    # Fungsional other than Ahli Utama: ringan and sedang by the head of the unit (Administrator or above).
    return Authority.ADMINISTRATOR


@dataclass(frozen=True, slots=True)
class Official:
    """One head up the offender's chain (direct superior first): who (``ref``) and at what level."""

    ref: int
    authority: Authority
    name: str = ""


def competent_official(
    offender: PositionType, level: Level, chain: Sequence[Official], *, ahli_utama: bool = False
) -> Official | None:
    """The PYBMH: the first official of ``chain`` at or above the lowest competent level; None means the PPK
    (nobody in the chain qualifies, or the level is the PPK's own)."""
    needed = lowest_authority(offender, level, ahli_utama=ahli_utama)
    if needed is Authority.PPK:
        return None
    return next((official for official in chain if official.authority >= needed), None)


def check_decider(
    *,
    decider_ref: int | None,
    offender: PositionType,
    level: Level,
    chain: Sequence[Official],
    ahli_utama: bool = False,
) -> None:
    """Refuse a decision by anyone but the PYBMH (``decider_ref`` None = the PPK decides)."""
    competent = competent_official(offender, level, chain, ahli_utama=ahli_utama)
    if competent is None and decider_ref is None:
        return
    if competent is not None and decider_ref == competent.ref:
        return
    who = "PPK (Bupati/Wali Kota)" if competent is None else f"{competent.name or competent.authority.label_id}"
    raise DisciplineRuleError(
        "not_competent",
        f"Pejabat ini tidak berwenang menjatuhkan hukuman disiplin tingkat {level.label_id.lower()} kepada "
        f"pegawai ini; yang berwenang: {who} ({AUTHORITY_SOURCE}).",
        f"This official may not impose a {level.name.lower()} sanction on this employee; competent: {who} "
        f"({AUTHORITY_SOURCE}).",
        field="decided_by",
        source=AUTHORITY_SOURCE,
    )


class Examiner(StrEnum):
    """Who examines a case of a given level."""

    SUPERIOR = "superior"  # ringan: the direct superior
    SUPERIOR_OR_TEAM = "superior_or_team"  # sedang: the direct superior, or a Tim Pemeriksa if formed
    TEAM = "team"  # berat: a Tim Pemeriksa is required


def examiner_for(level: Level) -> Examiner:
    return {Level.RINGAN: Examiner.SUPERIOR, Level.SEDANG: Examiner.SUPERIOR_OR_TEAM, Level.BERAT: Examiner.TEAM}[level]


class TeamRole(StrEnum):
    """The element a Tim Pemeriksa member represents."""

    SUPERIOR = "superior"  # the direct superior (or the next one up when he is implicated)
    SUPERVISION = "supervision"  # Inspektorat
    PERSONNEL = "personnel"  # BKPSDM
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class TeamMember:
    ref: int
    role: TeamRole
    grade_ordinal: int | None  # PNS golongan/ruang ordinal (I/a = 1 … IV/e = 17); None if unknown
    name: str = ""


def check_team(level: Level, examinee_grade_ordinal: int | None, members: Sequence[TeamMember]) -> None:
    """Refuse a Tim Pemeriksa that lacks a required element, or has a member ranked below the examinee.

    A berat case needs a team (superior, Inspektorat and BKPSDM); a team for a sedang case follows the same
    composition. A ringan case has no team.
    """
    if not members:
        if examiner_for(level) is Examiner.TEAM:
            raise DisciplineRuleError(
                "team_required",
                f"Pemeriksaan pelanggaran berat wajib oleh Tim Pemeriksa ({EXAMINATION_SOURCE}).",
                f"A berat case must be examined by a Tim Pemeriksa ({EXAMINATION_SOURCE}).",
                field="members",
                source=EXAMINATION_SOURCE,
            )
        return
    if level is Level.RINGAN:
        raise DisciplineRuleError(
            "team_not_for_ringan",
            f"Pelanggaran ringan diperiksa oleh atasan langsung, bukan Tim Pemeriksa ({EXAMINATION_SOURCE}).",
            f"A ringan case is examined by the direct superior, not a team ({EXAMINATION_SOURCE}).",
            field="members",
            source=EXAMINATION_SOURCE,
        )
    roles = {member.role for member in members}
    missing = [
        label
        for role, label in (
            (TeamRole.SUPERIOR, "atasan langsung"),
            (TeamRole.SUPERVISION, "unsur pengawasan (Inspektorat)"),
            (TeamRole.PERSONNEL, "unsur kepegawaian (BKPSDM)"),
        )
        if role not in roles
    ]
    if missing:
        raise DisciplineRuleError(
            "team_incomplete",
            f"Tim Pemeriksa harus terdiri atas atasan langsung, unsur pengawasan dan unsur kepegawaian; belum ada: "
            f"{', '.join(missing)} ({EXAMINATION_SOURCE}).",
            f"A Tim Pemeriksa needs the direct superior, the supervisory and the personnel element; missing: "
            f"{', '.join(missing)} ({EXAMINATION_SOURCE}).",
            field="members",
            source=EXAMINATION_SOURCE,
        )
    if examinee_grade_ordinal is not None:
        lower = [m for m in members if m.grade_ordinal is not None and m.grade_ordinal < examinee_grade_ordinal]
        if lower:
            names = ", ".join(m.name or str(m.ref) for m in lower)
            raise DisciplineRuleError(
                "team_member_below_rank",
                f"Anggota Tim Pemeriksa tidak boleh berpangkat lebih rendah dari pegawai yang diperiksa: {names} "
                f"({EXAMINATION_SOURCE}).",
                f"No Tim Pemeriksa member may rank below the examinee: {names} ({EXAMINATION_SOURCE}).",
                field="members",
                source=EXAMINATION_SOURCE,
            )

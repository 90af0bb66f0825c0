"""Fictional people for the demo: names, academic titles, phone numbers.

Names mix common Indonesian given names with ones frequent in South Sulawesi
(the setting of the WITA demo regency). Titles follow the usual writing: front
titles (``Dr.``, ``dr.``, ``Ns.``, ``apt.``, ``Drs.``, ``Ir.``, ``H.``/``Hj.``) before
the name, degrees after it separated by commas (``S.Pd., M.Pd.``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

MALE_FIRST = (
    "Muhammad",
    "Ahmad",
    "Andi",
    "Abdul",
    "Arif",
    "Budi",
    "Dedi",
    "Eko",
    "Fajar",
    "Hasan",
    "Irwan",
    "Jufri",
    "Kamaruddin",
    "Syamsul",
    "Rusdi",
    "Ridwan",
    "Yusuf",
    "Zainal",
    "Rahmat",
    "Hendra",
    "Agus",
    "Bambang",
    "Darmawan",
    "Firman",
    "Gunawan",
    "Hamzah",
    "Ilham",
    "Junaidi",
    "Khairul",
    "Lukman",
    "Mansur",
    "Nasrullah",
    "Rizal",
    "Saiful",
    "Taufik",
    "Usman",
    "Wahyu",
    "Amiruddin",
    "Baharuddin",
    "Syahrir",
    "Muhlis",
    "Akbar",
    "Asri",
    "Fadli",
    "Haris",
    "Imran",
    "Jamaluddin",
    "Kurniawan",
    "Mustari",
    "Nurdin",
    "Rahman",
    "Sabri",
    "Syarifuddin",
    "Tamsil",
    "Yunus",
    "Zulkifli",
    "Aswar",
    "Erwin",
    "Herman",
    "Idris",
    "Jusman",
    "Marzuki",
)
FEMALE_FIRST = (
    "Sitti",
    "Nur",
    "Nurul",
    "Andi",
    "Dewi",
    "Fitri",
    "Hasnah",
    "Hasmawati",
    "Irma",
    "Jumriah",
    "Kartini",
    "Lina",
    "Megawati",
    "Nurhayati",
    "Nurjannah",
    "Rahmawati",
    "Risnawati",
    "Sri",
    "Suryani",
    "Wahyuni",
    "Yuliana",
    "Ayu",
    "Dian",
    "Eka",
    "Fatmawati",
    "Hartati",
    "Indah",
    "Kurniati",
    "Marlina",
    "Nuraeni",
    "Rosmini",
    "Sukmawati",
    "Asmawati",
    "Besse",
    "Darmawati",
    "Erna",
    "Hajrah",
    "Irawati",
    "Musdalifah",
    "Nirwana",
    "Rahmi",
    "Salmiah",
    "Syamsiah",
    "Ummi",
    "Wulandari",
    "Yusniar",
    "Zaenab",
    "Anita",
    "Mariani",
)
MALE_MIDDLE = ("Nur", "Abdul", "Muh.", "Dwi", "Tri", "Eka", "Putra", "Rahmat", "Arif", "Hidayat", "Surya", "Wahyu")
FEMALE_MIDDLE = ("Nur", "Sri", "Dwi", "Tri", "Ayu", "Eka", "Putri", "Indah", "Fitri", "Amalia", "Kurnia", "Wahyu")
LAST = (
    "Rahman",
    "Hamid",
    "Syam",
    "Latif",
    "Hasyim",
    "Amin",
    "Basri",
    "Salam",
    "Said",
    "Ismail",
    "Usman",
    "Ramli",
    "Hakim",
    "Jafar",
    "Nasir",
    "Arifin",
    "Halim",
    "Hidayat",
    "Kurniawan",
    "Setiawan",
    "Saputra",
    "Pratama",
    "Wijaya",
    "Santoso",
    "Lestari",
    "Sari",
    "Rusli",
    "Tahir",
    "Mustafa",
    "Sudirman",
    "Syarifuddin",
    "Hasanuddin",
    "Makmur",
    "Tamrin",
    "Kadir",
    "Baso",
    "Mappiasse",
    "Sampara",
    "Daud",
    "Yunus",
    "Malik",
    "Karim",
    "Gaffar",
    "Anwar",
    "Rasyid",
    "Sanusi",
    "Mahmud",
    "Syukur",
    "Haris",
    "Nawir",
    "Jamal",
    "Asis",
)


@dataclass(frozen=True)
class Education:
    """How a kind of graduate enters the service and is titled.

    ``entry`` is the entry grade (rules.md §9.2: SMA II/a, D-III II/c, S1 III/a,
    S2 III/b; a doctor's profession degree enters at III/b), ``ages`` the usual age
    range at appointment, ``degrees`` the first-degree back titles, ``front`` a
    professional front title, ``masters`` the possible second degrees.
    """

    entry: str
    ages: tuple[int, int]
    degrees: tuple[str, ...] = ()
    front: str = ""
    masters: tuple[str, ...] = ()
    old_front: tuple[str, str] | None = None  # (male, female) front title of graduates before ~1993

    @property
    def is_graduate(self) -> bool:
        return self.entry.startswith(("III", "IV"))


EDUCATION: dict[str, Education] = {
    "sma": Education("II/a", (19, 26)),
    "d3": Education("II/c", (21, 27), ("A.Md.",)),
    "admin": Education(
        "III/a",
        (23, 30),
        ("S.Sos.", "S.AP.", "S.IP.", "S.E.", "S.H.", "S.Kom."),
        "",
        ("M.Si.", "M.M.", "M.AP."),
        ("Drs.", "Dra."),
    ),
    "stp": Education("III/a", (22, 26), ("S.STP",), "", ("M.Si.", "M.AP."), None),
    "guru": Education(
        "III/a", (23, 31), ("S.Pd.", "S.Pd.", "S.Pd.", "S.Pd.I.", "S.Si."), "", ("M.Pd.",), ("Drs.", "Dra.")
    ),
    "perawat_d3": Education("II/c", (21, 27), ("A.Md.Kep.",)),
    "ners": Education("III/a", (23, 29), ("S.Kep.",), "Ns.", ("M.Kep.",)),
    "bidan_d3": Education("II/c", (21, 27), ("A.Md.Keb.",)),
    "bidan_s": Education("III/a", (23, 29), ("S.Tr.Keb.",)),
    "dokter": Education("III/b", (25, 31), (), "dr.", ("M.Kes.", "MARS", "M.K.M.")),
    "dokter_gigi": Education("III/b", (25, 31), (), "drg.", ("M.Kes.",)),
    "spesialis": Education(
        "III/b", (26, 33), ("Sp.PD.", "Sp.A.", "Sp.OG.", "Sp.B.", "Sp.An.", "Sp.Rad.", "Sp.PK.", "Sp.M."), "dr."
    ),
    "apoteker": Education("III/a", (24, 30), ("S.Farm.",), "apt.", ("M.Farm.",)),
    "farmasi_d3": Education("II/c", (21, 27), ("A.Md.Farm.",)),
    "kesling": Education("II/c", (21, 27), ("A.Md.KL.",)),
    "gizi": Education("II/c", (21, 27), ("A.Md.Gz.",)),
    "lab": Education("II/c", (21, 27), ("A.Md.AK.",)),
    "rekam_medis": Education("II/c", (21, 27), ("A.Md.RMIK",)),
    "radiologi": Education("II/c", (21, 27), ("A.Md.Rad.",)),
    "fisio": Education("II/c", (21, 27), ("A.Md.Ftr.",)),
    "skm": Education("III/a", (23, 30), ("S.KM.",), "", ("M.Kes.", "M.K.M.")),
    "teknik": Education("III/a", (23, 30), ("S.T.",), "", ("M.T.", "M.Si."), ("Ir.", "Ir.")),
    "pertanian": Education("III/a", (23, 30), ("S.P.",), "", ("M.Si.", "M.P."), ("Ir.", "Ir.")),
    "peternakan": Education("III/a", (23, 30), ("S.Pt.",), "", ("M.Si.",)),
    "vet": Education("III/a", (24, 30), (), "drh.", ("M.Si.",)),
    "perikanan": Education("III/a", (23, 30), ("S.Pi.",), "", ("M.Si.",), ("Ir.", "Ir.")),
    "hukum": Education("III/a", (23, 30), ("S.H.",), "", ("M.H.",)),
    "ekonomi": Education(
        "III/a", (23, 30), ("S.E.", "S.E.", "S.Ak."), "", ("M.M.", "M.Si.", "M.Ak."), ("Drs.", "Dra.")
    ),
    "komputer": Education("III/a", (23, 29), ("S.Kom.", "S.T."), "", ("M.Kom.", "M.T.")),
    "sosial": Education("III/a", (23, 30), ("S.Sos.",), "", ("M.Si.",), ("Drs.", "Dra.")),
    "lingkungan": Education("III/a", (23, 30), ("S.T.", "S.Si."), "", ("M.Si.", "M.T.")),
    "perpustakaan": Education("III/a", (23, 30), ("S.IP.", "S.Hum."), "", ("M.Hum.",)),
    "statistik": Education("III/a", (23, 29), ("S.Stat.", "S.Si."), "", ("M.Si.",)),
}

#: Mobile number prefixes (operator blocks) used for the fictional phone numbers.
PHONE_PREFIXES = (
    "0811",
    "0812",
    "0813",
    "0821",
    "0822",
    "0852",
    "0853",
    "0815",
    "0856",
    "0857",
    "0817",
    "0819",
    "0877",
    "0895",
)


def person_name(rng: random.Random, *, female: bool) -> str:
    first = rng.choice(FEMALE_FIRST if female else MALE_FIRST)
    parts = [first]
    if rng.random() < 0.35:
        parts.append(rng.choice(FEMALE_MIDDLE if female else MALE_MIDDLE))
    last = rng.choice(LAST)
    if last != first:
        parts.append(last)
    return " ".join(parts)


def titles(
    rng: random.Random, edu: Education, *, female: bool, birth_year: int, senior: bool, doctorate: bool, haji: bool
) -> tuple[str, str]:
    """Front and back titles for one person (``("Dr. Hj.", "S.E., M.M.")``)."""
    front: list[str] = []
    back: list[str] = []
    if doctorate:
        front.append("Dr.")
    if edu.old_front and birth_year < 1968:
        front.append(edu.old_front[1 if female else 0])
    else:
        if edu.front:
            front.append(edu.front)
        if edu.degrees:
            back.append(rng.choice(edu.degrees))
    if haji:  # after academic and professional titles: "Dr. H.", "dr. Hj.", "Drs. H."
        front.append("Hj." if female else "H.")
    if edu.masters and (doctorate or (senior and rng.random() < 0.75) or rng.random() < 0.08):
        back.append(rng.choice(edu.masters))
    return " ".join(front), ", ".join(back)


def phone_number(rng: random.Random) -> str:
    return rng.choice(PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}"

"""Turns a ``RegionSpec`` into org units, structural posts and the pools staff are drawn from.

Unit codes are hierarchical (``73.90.05.02``: the region code, then the position
among siblings), like the kode unor of SIMPEG, so a plan's units are identified
before any database id exists. Structural posts (JPT, Administrator, Pengawas)
are created here, one per head or named post; staff posts (pelaksana and
fungsional) are shared by many holders and created by ``roster`` as people are
placed.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from pamong.org.choices import OPD_KINDS, OrgUnitKind

from .catalog import (
    AUDIT_JOBS,
    HEALTH_CENTRE_JOBS,
    HOSPITAL_BAGIAN,
    HOSPITAL_BIDANG,
    HOSPITAL_DEPUTIES,
    HOSPITAL_JOBS,
    HOSPITAL_NAME,
    KECAMATAN_JOBS,
    KECAMATAN_SEKSI,
    OFFICE_JOBS,
    SECRETARIAT_SUBBAG_A,
    SECRETARIAT_SUBBAG_B,
    SEKSI_PATTERNS,
    SETDA_JOBS,
    SETWAN_BAGIAN,
    TEACHER_JOBS,
    Bidang,
    Job,
    Opd,
    RegionSpec,
)
from .dto import ClusterPlan, PositionPlan, UnitPlan

K = OrgUnitKind

#: Kelas jabatan of structural posts by eselon (a typical kabupaten table).
JOB_CLASS = {"II.a": 15, "II.b": 14, "III.a": 12, "III.b": 11, "IV.a": 9, "IV.b": 8}
POSITION_TYPE = {"II": "jpt_pratama", "III": "administrator", "IV": "pengawas"}

#: The sekretaris kelurahan is one eselon below the lurah, whose eselon the local SOTK sets (rules.md §9.3).
SEKLUR_ESELON = {"III.b": "IV.a", "IV.a": "IV.b"}

# Fill order among structural posts of the same eselon: smaller first.
RANKS = {"sekda": 0, "asisten": 1, "head": 2, "staf_ahli": 3, "camat": 0, "sekretaris": 1, "kabag": 2, "irban": 2}


@dataclass
class Pool:
    """Where one share of the staff works: units with their job mix and relative size."""

    key: str
    weight: float
    units: list[tuple[str, tuple[Job, ...], float]] = field(default_factory=list)


@dataclass
class Structure:
    clusters: list[ClusterPlan] = field(default_factory=list)
    units: list[UnitPlan] = field(default_factory=list)
    positions: list[PositionPlan] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)  # semantic tag -> structural position code
    unit_tags: dict[str, str] = field(default_factory=dict)  # semantic tag -> unit code
    holder_edu: dict[str, tuple[str, float]] = field(default_factory=dict)  # position -> (education, female share)
    rank: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # position -> fill priority
    pools: list[Pool] = field(default_factory=list)
    unit_index: dict[str, UnitPlan] = field(default_factory=dict)
    position_index: dict[str, PositionPlan] = field(default_factory=dict)
    _children: dict[str, int] = field(default_factory=dict)
    _posts: dict[str, int] = field(default_factory=dict)

    def unit(
        self,
        parent: UnitPlan | None,
        name: str,
        kind: str,
        *,
        short: str = "",
        cluster: str | None = None,
        opd: UnitPlan | None = None,
        code: str = "",
    ) -> UnitPlan:
        if parent is not None:
            n = self._children.get(parent.code, 0) + 1
            self._children[parent.code] = n
            code = f"{parent.code}.{n:02d}"
        opd_code = code if kind in OPD_KINDS else (opd.code if opd else None)
        unit = UnitPlan(
            code=code,
            name=name,
            short_name=short,
            kind=kind,
            parent_code=parent.code if parent else None,
            depth=(parent.depth + 1) if parent else 0,
            sort_order=self._children.get(parent.code, 0) if parent else 0,
            cluster_code=cluster,
            opd_code=opd_code,
        )
        self.units.append(unit)
        return unit

    def post(
        self,
        unit: UnitPlan,
        name: str,
        eselon: str,
        *,
        head: bool = False,
        tag: str = "",
        edu: str = "admin",
        female: float = 0.3,
        rank: str = "",
    ) -> PositionPlan:
        n = self._posts.get(unit.code, 0) + 1
        self._posts[unit.code] = n
        level = eselon.split(".")[0]
        position = PositionPlan(
            code=f"{unit.code}-{n:02d}",
            unit_code=unit.code,
            name=name,
            position_type=POSITION_TYPE[level],
            eselon=eselon,
            is_head=head,
            job_class=JOB_CLASS[eselon],
        )
        self.positions.append(position)
        if tag:
            self.tags[tag] = position.code
        self.holder_edu[position.code] = (edu, female)
        order = ("II.a", "II.b", "III.a", "III.b", "IV.a", "IV.b").index(eselon)
        self.rank[position.code] = (order, RANKS.get(rank, 5), len(self.positions))
        return position

    def staff_post_code(self, unit_code: str) -> str:
        n = self._posts.get(unit_code, 0) + 1
        self._posts[unit_code] = n
        return f"{unit_code}-{n:02d}"


def _pool(structure: Structure, key: str, weight: float) -> Pool:
    pool = Pool(key, weight)
    structure.pools.append(pool)
    return pool


def _office(opd: Opd | None = None, extra: Iterable[Job] = ()) -> tuple[Job, ...]:
    return OFFICE_JOBS + tuple(extra) + (opd.jobs if opd else ())


def _seksi_names(bidang: Bidang) -> tuple[str, list[str]]:
    if isinstance(bidang, tuple):
        return bidang[0], list(bidang[1])
    return bidang, []


def _dinas(s: Structure, rng: random.Random, root: UnitPlan, opd: Opd) -> UnitPlan:
    unit = s.unit(root, opd.name, opd.kind, short=opd.short_name, cluster=opd.cluster or None)
    s.unit_tags[f"opd:{opd.slug}"] = unit.code
    s.post(unit, opd.head, "II.b", head=True, tag=f"head:{opd.slug}", edu=opd.edu, rank="head")
    pool = _pool(s, opd.slug, opd.staff_weight)
    jobs = _office(opd)
    pool.units.append((unit.code, jobs, 1.0))
    secretariat = s.unit(unit, "Sekretariat", K.BIDANG, opd=unit)
    s.post(secretariat, f"{opd.secretariat} {opd.name}", "III.a", head=True, tag=f"sek:{opd.slug}", rank="sekretaris")
    subbag = SECRETARIAT_SUBBAG_A if len(opd.bidang) >= 4 else SECRETARIAT_SUBBAG_B
    for name in subbag:
        sub = s.unit(secretariat, f"Subbagian {name}", K.SUBBAGIAN, opd=unit)
        s.post(sub, f"Kepala Subbagian {name}", "IV.a", head=True)
        pool.units.append((sub.code, jobs, 1.0))
    for i, entry in enumerate(opd.bidang, start=1):
        name, seksi = _seksi_names(entry)
        bidang = s.unit(unit, f"Bidang {name}", K.BIDANG, opd=unit)
        s.unit_tags[f"bidang:{opd.slug}:{i}"] = bidang.code
        s.post(bidang, f"Kepala Bidang {name}", "III.b", head=True, tag=f"kabid:{opd.slug}:{i}", edu=opd.edu)
        pool.units.append((bidang.code, jobs, 1.0))
        if not seksi:
            seksi = [p.format(topic=name) for p in SEKSI_PATTERNS[: rng.choice((2, 3))]]
        for j, seksi_name in enumerate(seksi, start=1):
            seksi_name = seksi_name if seksi_name.startswith("Seksi") else f"Seksi {seksi_name}"
            unit_s = s.unit(bidang, seksi_name, K.SEKSI, opd=unit)
            s.post(unit_s, f"Kepala {seksi_name}", "IV.a", head=True, tag=f"kasi:{opd.slug}:{i}:{j}", edu=opd.edu)
            pool.units.append((unit_s.code, jobs, 1.0))
    for name in opd.upts:
        upt = s.unit(unit, name, K.UPT, opd=unit)
        s.post(upt, f"Kepala {name}", "IV.a", head=True, edu=opd.edu)
        pool.units.append((upt.code, jobs, 2.0))
    return unit


def _education_units(s: Structure, kecamatan: list[str]) -> None:
    disdik = s.unit_tags.get("opd:disdik")
    if disdik is None:
        return
    parent = next(u for u in s.units if u.code == disdik)
    pool = next(p for p in s.pools if p.key == "disdik")
    for i, name in enumerate(kecamatan, start=1):
        upt = s.unit(parent, f"UPTD Pendidikan Kecamatan {name}", K.UPT, opd=parent)
        s.unit_tags[f"uptd:disdik:{i}"] = upt.code
        s.post(upt, f"Kepala UPTD Pendidikan Kecamatan {name}", "IV.a", head=True, edu="guru", female=0.45)
        s.post(upt, f"Kepala Subbagian Tata Usaha UPTD Pendidikan Kecamatan {name}", "IV.b", female=0.5)
        pool.units.append((upt.code, TEACHER_JOBS, 12.0))


def _health_units(s: Structure, rng: random.Random, kecamatan: list[str], kelurahan: list[list[str]]) -> None:
    dinkes = s.unit_tags.get("opd:dinkes")
    if dinkes is None:
        return
    parent = next(u for u in s.units if u.code == dinkes)
    pool = next(p for p in s.pools if p.key == "dinkes")
    names: list[str] = []
    for i, kec in enumerate(kecamatan):
        names.append(kec)
        if i < len(kecamatan) // 2 and len(kelurahan[i]) > 2:
            names.append(kelurahan[i][1])
    for i, name in enumerate(names, start=1):
        upt = s.unit(parent, f"Puskesmas {name}", K.UPT, short=f"PKM {name}", opd=parent)
        s.unit_tags[f"puskesmas:{i}"] = upt.code
        s.post(upt, f"Kepala Puskesmas {name}", "IV.a", head=True, edu=rng.choice(("dokter", "skm")), female=0.6)
        s.post(upt, f"Kepala Subbagian Tata Usaha Puskesmas {name}", "IV.b", female=0.5)
        pool.units.append((upt.code, HEALTH_CENTRE_JOBS, 8.0))


def _setda(s: Structure, root: UnitPlan, spec: RegionSpec) -> None:
    setda = s.unit(root, "Sekretariat Daerah", K.SECRETARIAT, short="Setda")
    s.unit_tags["setda"] = setda.code
    s.post(setda, "Sekretaris Daerah", "II.a", head=True, tag="sekda", rank="sekda", female=0.15)
    for code, _numeral, name, _field in spec.clusters:
        s.post(setda, name, "II.b", tag=f"asisten:{code}", rank="asisten")
    for i, (_code, _numeral, _name, expertise) in enumerate(spec.clusters, start=1):
        s.post(setda, f"Staf Ahli {spec.head_title} Bidang {expertise}", "II.b", tag=f"staf_ahli:{i}", rank="staf_ahli")
    pool = _pool(s, "setda", 1.5)
    jobs = _office(extra=SETDA_JOBS)
    pool.units.append((setda.code, jobs, 1.0))
    for i, (cluster, name, subbag) in enumerate(spec.setda_bagian, start=1):
        bagian = s.unit(setda, name, K.BAGIAN, cluster=cluster or None, opd=setda)
        s.unit_tags[f"bagian:{i}"] = bagian.code
        s.post(bagian, f"Kepala {name}", "III.a", head=True, tag=f"kabag:{i}", rank="kabag")
        pool.units.append((bagian.code, jobs, 1.5))
        for sub in subbag:
            unit = s.unit(bagian, f"Subbagian {sub}", K.SUBBAGIAN, opd=setda)
            s.post(unit, f"Kepala Subbagian {sub}", "IV.a", head=True)
            pool.units.append((unit.code, jobs, 1.0))


def _council(s: Structure, root: UnitPlan) -> None:
    setwan = s.unit(
        root, "Sekretariat Dewan Perwakilan Rakyat Daerah", K.COUNCIL_SECRETARIAT, short="Setwan", cluster="AS-III"
    )
    s.unit_tags["setwan"] = setwan.code
    s.post(setwan, "Sekretaris Dewan Perwakilan Rakyat Daerah", "II.b", head=True, tag="head:setwan", rank="head")
    pool = _pool(s, "setwan", 0.6)
    for name, subbag in SETWAN_BAGIAN:
        bagian = s.unit(setwan, name, K.BAGIAN, opd=setwan)
        s.post(bagian, f"Kepala {name}", "III.a", head=True, rank="kabag")
        pool.units.append((bagian.code, OFFICE_JOBS, 1.0))
        for sub in subbag:
            unit = s.unit(bagian, f"Subbagian {sub}", K.SUBBAGIAN, opd=setwan)
            s.post(unit, f"Kepala Subbagian {sub}", "IV.a", head=True)
            pool.units.append((unit.code, OFFICE_JOBS, 1.0))


def _inspectorate(s: Structure, root: UnitPlan, spec: RegionSpec) -> None:
    insp = s.unit(root, "Inspektorat Daerah", K.INSPECTORATE, short="Inspektorat")
    s.unit_tags["insp"] = insp.code
    s.post(insp, "Inspektur Daerah", "II.b", head=True, tag="head:insp", edu="ekonomi", rank="head")
    pool = _pool(s, "insp", 1.0)
    secretariat = s.unit(insp, "Sekretariat Inspektorat", K.BIDANG, opd=insp)
    s.post(secretariat, "Sekretaris Inspektorat", "III.a", head=True, tag="sek:insp", rank="sekretaris")
    for name in SECRETARIAT_SUBBAG_A[:2] + ("Evaluasi dan Pelaporan",):
        unit = s.unit(secretariat, f"Subbagian {name}", K.SUBBAGIAN, opd=insp)
        s.post(unit, f"Kepala Subbagian {name}", "IV.a", head=True)
        pool.units.append((unit.code, OFFICE_JOBS, 1.0))
    for i, name in enumerate(spec.irban, start=1):
        unit = s.unit(insp, name, K.BIDANG, opd=insp)
        s.unit_tags[f"irban:{i}"] = unit.code
        s.post(unit, name, "III.a", head=True, tag=f"irban:{i}", edu="ekonomi", rank="irban")
        pool.units.append((unit.code, AUDIT_JOBS, 3.0))


def _hospital(s: Structure, root: UnitPlan) -> None:
    name, short, head = HOSPITAL_NAME
    rsud = s.unit(root, name, K.HOSPITAL, short=short, cluster="AS-I")
    s.unit_tags["rsud"] = rsud.code
    s.post(rsud, head, "II.b", head=True, tag="head:rsud", edu="dokter", female=0.4, rank="head")
    for name in HOSPITAL_DEPUTIES:
        s.post(rsud, name, "III.a", edu="dokter", female=0.4)
    pool = _pool(s, "rsud", 0.0)
    pool.units.append((rsud.code, HOSPITAL_JOBS, 6.0))
    for name, kind in [(n, K.BAGIAN) for n in HOSPITAL_BAGIAN] + [(n, K.BIDANG) for n in HOSPITAL_BIDANG]:
        unit = s.unit(rsud, name, kind, opd=rsud)
        s.post(unit, f"Kepala {name}", "III.b", head=True, edu="ners" if "Keperawatan" in name else "admin", female=0.5)
        topic = name.split(" ", 1)[1]
        for prefix in ("Perencanaan", "Pengendalian") if kind == K.BIDANG else ("Administrasi", "Pelaporan"):
            sub_kind = K.SEKSI if kind == K.BIDANG else K.SUBBAGIAN
            label = "Seksi" if kind == K.BIDANG else "Subbagian"
            sub = s.unit(unit, f"{label} {prefix} {topic}", sub_kind, opd=rsud)
            s.post(sub, f"Kepala {label} {prefix} {topic}", "IV.a", head=True, female=0.5)
        pool.units.append((unit.code, HOSPITAL_JOBS if kind == K.BIDANG else OFFICE_JOBS, 2.0))


def _kecamatan(s: Structure, root: UnitPlan, spec: RegionSpec, per_kecamatan: float) -> None:
    seklur = SEKLUR_ESELON[spec.lurah_eselon]
    for i, (name, kelurahan) in enumerate(spec.kecamatan, start=1):
        kec = s.unit(root, f"Kecamatan {name}", K.KECAMATAN, short=name, cluster="AS-I" if spec.clusters else None)
        s.unit_tags[f"kec:{i}"] = kec.code
        s.post(kec, f"Camat {name}", "III.a", head=True, tag=f"camat:{i}", edu="stp", female=0.2, rank="camat")
        s.post(kec, f"Sekretaris Kecamatan {name}", "III.b", tag=f"sekcam:{i}", edu="stp", female=0.3)
        pool = _pool(s, f"kec:{i}", per_kecamatan)
        jobs = _office(extra=KECAMATAN_JOBS)
        pool.units.append((kec.code, jobs, 3.0))
        for j, seksi in enumerate(KECAMATAN_SEKSI[: 4 if len(kelurahan) < 4 else 5], start=1):
            unit = s.unit(kec, seksi, K.SEKSI, opd=kec)
            s.post(unit, f"Kepala {seksi}", "IV.a", head=True, tag=f"kasi_kec:{i}:{j}")
        for j, kel in enumerate(kelurahan, start=1):
            unit = s.unit(kec, f"Kelurahan {kel}", K.KELURAHAN, short=kel, opd=kec)
            s.unit_tags[f"kel:{i}:{j}"] = unit.code
            s.post(unit, f"Lurah {kel}", spec.lurah_eselon, head=True, tag=f"lurah:{i}:{j}", edu="stp", female=0.3)
            s.post(unit, f"Sekretaris Kelurahan {kel}", seklur, tag=f"seklur:{i}:{j}", female=0.4)
            pool.units.append((unit.code, jobs, 1.5))


def build_structure(spec: RegionSpec, rng: random.Random) -> Structure:
    """Units (parents before children), structural posts and staff pools of ``spec``."""
    s = Structure()
    s.clusters = [ClusterPlan(code, name, i) for i, (code, _n, name, _f) in enumerate(spec.clusters, start=1)]
    kind = "Kabupaten" if spec.head_title == "Bupati" else "Kota"
    root = s.unit(None, f"Pemerintah {kind} {spec.seat}", K.REGION, short=spec.seat, code=spec.region_code)
    s.unit_tags["root"] = root.code
    _setda(s, root, spec)
    if spec.has_council_secretariat:
        _council(s, root)
    _inspectorate(s, root, spec)
    for opd in spec.opds:
        _dinas(s, rng, root, opd)
    if spec.has_hospital:
        _hospital(s, root)
    _kecamatan(s, root, spec, per_kecamatan=0.5)
    kecamatan = [name for name, _kel in spec.kecamatan]
    _education_units(s, kecamatan)
    _health_units(s, rng, kecamatan, [list(kel) for _name, kel in spec.kecamatan])
    # Fixed shares (teachers, health) come first; the rest is spread by each pool's weight.
    shares = spec.staff_shares
    for pool in s.pools:
        if pool.key in shares:
            pool.weight = shares[pool.key]
    free = 1.0 - sum(shares.get(p.key, 0.0) for p in s.pools)
    others = sum(p.weight for p in s.pools if p.key not in shares)
    for pool in s.pools:
        if pool.key not in shares:
            pool.weight = free * pool.weight / others if others else 0.0
    s.unit_index = {u.code: u for u in s.units}
    s.position_index = {p.code: p for p in s.positions}
    return s

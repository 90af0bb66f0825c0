"""The recent past of the demo regency: vacancies with a Plt, a Plh, transfers and retirements.

So that "who headed this OPD on 3 March" has interesting answers, a few heads
moved or retired in the last year and a half: their earlier assignments end the
day before the next one starts, vacated head posts are held by a Plt (the
sekretaris, or a neighbouring official concurrently), and a Plh stands in for a
definitive head who is briefly away. The data keep the invariants that the
people services enforce: one definitive holder of a structural post at a time,
one definitive post per person at a time, a Plt only for a vacant post, at most
one acting holder at a time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .roster import ESELON_LEVELS, Roster


@dataclass(frozen=True)
class Vacancy:
    """A head post vacant since ``days_ago`` days, held by a Plt from the first candidate that exists.

    ``moved_to`` names the post its former holder was appointed to that day (whose
    own former holder retired); empty means the former holder retired.
    """

    post: str
    days_ago: int
    acting: tuple[str, ...]
    moved_to: str = ""
    note: str = ""


@dataclass(frozen=True)
class Rotation:
    """Definitive heads who swapped posts ``days_ago`` days ago: the holder of post i came from post i+1."""

    days_ago: int
    posts: tuple[str, ...]


@dataclass(frozen=True)
class Interim:
    """A past vacancy: the current holder was appointed ``days_ago`` days ago after a Plt of ``plt_days``."""

    post: str
    days_ago: int
    plt_days: int
    acting: tuple[str, ...]


@dataclass(frozen=True)
class StandIn:
    """A Plh for a definitive holder who is away for ``days`` days from ``days_ago`` days ago."""

    post: str
    days_ago: int
    days: int
    acting: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Scenario:
    vacancies: tuple[Vacancy, ...] = ()
    rotations: tuple[Rotation, ...] = ()
    interims: tuple[Interim, ...] = ()
    stand_ins: tuple[StandIn, ...] = ()

    def vacant_tags(self) -> tuple[str, ...]:
        return tuple(v.post for v in self.vacancies)


TANAH_BUNGA_HISTORY = Scenario(
    vacancies=(
        Vacancy("head:pupr", 152, ("sek:pupr",), "asisten:AS-II", "Kepala Dinas sebelumnya dilantik menjadi Asisten"),
        Vacancy("head:kesbangpol", 95, ("asisten:AS-I",), "", "Kepala Badan sebelumnya memasuki batas usia pensiun"),
        Vacancy("camat:4", 61, ("sekcam:4",), "kabag:1", "Camat sebelumnya dilantik menjadi Kepala Bagian"),
        Vacancy(
            "kabid:dinkes:2",
            203,
            ("kasi:dinkes:2:1", "sek:dinkes"),
            "sek:dinkes",
            "Kepala Bidang sebelumnya dilantik menjadi Sekretaris Dinas",
        ),
        Vacancy("lurah:6:2", 40, ("seklur:6:2", "sekcam:6"), "", "Lurah sebelumnya memasuki batas usia pensiun"),
    ),
    rotations=(
        Rotation(240, ("head:disparpora", "head:dlh", "head:koperindag")),
        Rotation(400, ("camat:2", "camat:3")),
    ),
    interims=(Interim("head:disdik", 300, 120, ("sek:disdik",)),),
    stand_ins=(
        StandIn("head:bappeda", 4, 14, ("sek:bappeda",), "Kepala Badan mengikuti Pelatihan Kepemimpinan Nasional"),
        StandIn("sekda", 150, 14, ("asisten:AS-III",), "Sekretaris Daerah menunaikan ibadah haji"),
    ),
)


class History:
    def __init__(self, roster: Roster) -> None:
        self.roster = roster
        self.rng = roster.rng
        self.today = roster.today
        self.tags = roster.structure.tags
        self.touched: set[int] = set()  # people whose current post now starts on a fixed date

    def _ago(self, days: int) -> dt.date:
        return self.today - dt.timedelta(days=days)

    def holder(self, tag: str) -> int | None:
        code = self.tags.get(tag)
        return self.roster.holders.get(code) if code else None

    def _acting(self, tags: tuple[str, ...], post_code: str) -> int | None:
        for tag in tags:
            index = self.holder(tag)
            if index is not None:
                return index
        # Fallback for small regions: the highest-ranked official of the same OPD, else the Sekda.
        opd = self._opd_of(post_code)
        ranked = sorted(self.roster.holders.items(), key=lambda item: self.roster.structure.rank[item[0]])
        for code, index in ranked:
            if code != post_code and self._opd_of(code) == opd:
                return index
        return self.holder("sekda")

    def _opd_of(self, position_code: str) -> str | None:
        unit_code = position_code.rsplit("-", 1)[0]
        unit = self.roster.structure.unit_index[unit_code]
        return unit.opd_code

    def _started_before(self, index: int, day: dt.date) -> None:
        """Make sure the employee already held their current post well before ``day``.

        People who just moved keep their new start: a new sekretaris may well be Plt
        of the bidang they left, from the same day.
        """
        if index not in self.touched and self.roster.start_of(index) >= day:
            earliest = self.roster.appointed_on(index) + dt.timedelta(days=365)
            start = max(earliest, day - dt.timedelta(days=self.rng.randint(200, 1200)))
            self.roster.set_start(index, min(start, day - dt.timedelta(days=30)))

    def _previous(self, index: int, post_code: str, until: dt.date) -> None:
        """A definitive assignment that ended on ``until`` (the person moved on)."""
        years = self.rng.randint(2, 4)
        starts_on = max(
            until - dt.timedelta(days=365 * years), self.roster.appointed_on(index) + dt.timedelta(days=365)
        )
        self.roster.assign(index, post_code, "definitive", min(starts_on, until), until)

    def _retiree(self, post_code: str, until: dt.date) -> None:
        position = self.roster.structure.position_index[post_code]
        edu, female = self.roster.structure.holder_edu[post_code]
        index = self.roster.person(
            unit_code=position.unit_code,
            position_code=None,
            level=ESELON_LEVELS[position.eselon],
            edu_key=edu,
            female_share=female,
            structural=position.eselon,
            retired_on=until,
        )
        starts_on = until - dt.timedelta(days=365 * self.rng.randint(3, 6))
        self.roster.assign(index, post_code, "definitive", max(starts_on, self.roster.appointed_on(index)), until)

    def vacancy(self, v: Vacancy) -> None:
        post = self.tags.get(v.post)
        if post is None:
            return
        since = self._ago(v.days_ago)
        mover = self.holder(v.moved_to) if v.moved_to else None
        if mover is not None and mover not in self.touched:
            self.touched.add(mover)
            self._previous(mover, post, since - dt.timedelta(days=1))
            self.roster.set_start(mover, since)
            self._retiree(self.tags[v.moved_to], since - dt.timedelta(days=1))
        else:
            self._retiree(post, since - dt.timedelta(days=1))
        acting = self._acting(v.acting, post)
        if acting is None:
            return
        self._started_before(acting, since)
        self.roster.assign(acting, post, "plt", since, note=v.note)

    def rotation(self, r: Rotation) -> None:
        codes = [self.tags.get(tag) for tag in r.posts]
        people = [self.roster.holders.get(code) if code else None for code in codes]
        if any(p is None for p in people) or self.touched.intersection(p for p in people if p is not None):
            return
        since = self._ago(r.days_ago)
        for i, index in enumerate(people):
            assert index is not None
            came_from = codes[(i + 1) % len(codes)]
            assert came_from is not None
            self.touched.add(index)
            self._previous(index, came_from, since - dt.timedelta(days=1))
            self.roster.set_start(index, since)

    def interim(self, i: Interim) -> None:
        post = self.tags.get(i.post)
        current = self.holder(i.post)
        if post is None or current is None or current in self.touched:
            return
        self.touched.add(current)
        appointed = self._ago(i.days_ago)
        plt_from = appointed - dt.timedelta(days=i.plt_days)
        self.roster.set_start(current, appointed)
        self._retiree(post, plt_from - dt.timedelta(days=1))
        acting = self._acting(i.acting, post)
        if acting is not None and acting != current:
            self._started_before(acting, plt_from)
            self.roster.assign(
                acting,
                post,
                "plt",
                plt_from,
                appointed - dt.timedelta(days=1),
                note="Plt sampai pelantikan pejabat definitif",
            )

    def stand_in(self, s: StandIn) -> None:
        post = self.tags.get(s.post)
        head = self.holder(s.post)
        if post is None or head is None:
            return
        starts_on = self._ago(s.days_ago)
        acting = self._acting(s.acting, post)
        if acting is None or acting == head:
            return
        self._started_before(head, starts_on)
        self._started_before(acting, starts_on)
        self.roster.assign(acting, post, "plh", starts_on, starts_on + dt.timedelta(days=s.days - 1), note=s.note)


def apply_history(roster: Roster, scenario: Scenario) -> None:
    history = History(roster)
    for vacancy in scenario.vacancies:
        history.vacancy(vacancy)
    for rotation in scenario.rotations:
        history.rotation(rotation)
    for interim in scenario.interims:
        history.interim(interim)
    for stand_in in scenario.stand_ins:
        history.stand_in(stand_in)

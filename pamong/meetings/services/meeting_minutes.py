"""Minutes of a meeting (agenda and decisions, saved again and again while it runs) and recurring series.

``minutes_save`` is idempotent per agenda item: the minutes page autosaves one item at a time (HTMX), so an item
with an ``id`` is updated in place and one without is added. ``series_generate`` creates the next meetings of every
active series from ``rules.recurrence.next_dates`` on the tenant's working days; the unique (series, starts_at)
constraint makes a second run create nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pamong.access.roles import MEETINGS_MANAGE
from pamong.core import audit
from pamong.core.authz import authorize
from pamong.core.errors import Conflict, NotFoundError, ValidationFailed
from pamong.core.models import Tenant
from pamong.core.scope import SystemActor
from pamong.discipline.selectors.calendar import calendar_around
from pamong.org.models import OrgUnit

from ..choices import MeetingKind, MeetingStatus
from ..models import AgendaItem, Invitation, Meeting, MeetingDecision, MeetingSeries
from ..rules import timing
from ..rules.recurrence import Frequency, Recurrence, RecurrenceError, next_dates
from .actions import items_carry_over
from .meetings import authorize_organiser, meeting_authorize


@transaction.atomic
def minutes_save(
    *,
    actor: Any,
    meeting: Meeting,
    agenda: Sequence[Mapping[str, Any]] = (),
    decisions: Sequence[Mapping[str, Any]] = (),
) -> list[AgendaItem]:
    """Save agenda items (``{"id"?, "title", "notes"}``) and decisions (``{"id"?, "agenda_index"|"agenda_id"?,
    "text"}``); returns the saved agenda items in order."""
    meeting_authorize(actor, meeting)
    meeting = Meeting.objects.select_for_update().select_related("org_unit").get(pk=meeting.pk)
    if meeting.status == MeetingStatus.CANCELLED:
        raise Conflict(_("Rapat ini dibatalkan: notulen tidak dapat diisi."))
    existing = {item.pk: item for item in AgendaItem.objects.filter(meeting=meeting)}
    next_order = max((item.order for item in existing.values()), default=0) + 1
    saved: list[AgendaItem] = []
    for index, row in enumerate(agenda):
        title = str(row.get("title", "")).strip()
        if not title:
            raise ValidationFailed(
                _("Judul acara wajib diisi."), field_errors={f"agenda_{index}_title": [_("Isi judul acara.")]}
            )
        item_id = row.get("id")
        if item_id:
            item = existing.get(int(item_id))
            if item is None:
                raise NotFoundError(_("Acara rapat tidak ditemukan pada rapat ini."))
            item.title, item.notes = title[:255], str(row.get("notes", ""))
            item.save(update_fields=["title", "notes", "updated_at"])
        else:
            item = AgendaItem.objects.create(
                meeting=meeting, order=next_order, title=title[:255], notes=str(row.get("notes", ""))
            )
            existing[item.pk] = item
            next_order += 1
        saved.append(item)
    own_decisions = {d.pk: d for d in MeetingDecision.objects.filter(meeting=meeting)}
    for index, row in enumerate(decisions):
        text = str(row.get("text", "")).strip()
        agenda_item = None
        if row.get("agenda_id"):
            agenda_item = existing.get(int(row["agenda_id"]))
            if agenda_item is None:
                raise NotFoundError(_("Acara rapat tidak ditemukan pada rapat ini."))
        elif row.get("agenda_index") is not None:
            agenda_item = saved[int(row["agenda_index"])]
        if row.get("id"):
            decision = own_decisions.get(int(row["id"]))
            if decision is None:
                raise NotFoundError(_("Keputusan tidak ditemukan pada rapat ini."))
            if not text:
                decision.delete()
                continue
            decision.text = text
            decision.save(update_fields=["text", "updated_at"])
        elif text:
            MeetingDecision.objects.create(meeting=meeting, agenda_item=agenda_item, text=text)
        elif not text and not row.get("id"):
            raise ValidationFailed(
                _("Keputusan kosong."), field_errors={f"decision_{index}_text": [_("Tulis isi keputusan.")]}
            )
    audit.record(
        actor=actor,
        tenant_id=meeting.tenant_id,
        action="meetings.minutes.save",
        target=meeting,
        org_unit_path=meeting.org_unit.path,
        after={"agenda": [item.pk for item in saved], "decisions": len(decisions)},
    )
    return saved


# ---------------------------------------------------------------------------------------------------------- series

SERIES_FIELDS = (
    "kind",
    "title",
    "frequency",
    "weekday",
    "week_of_month",
    "day_of_month",
    "first_month",
    "starts_at",
    "duration_minutes",
    "venue",
    "video_link",
    "chair",
    "secretary",
    "is_active",
)


def recurrence_of(series: MeetingSeries) -> Recurrence:
    return Recurrence(
        frequency=Frequency(series.frequency),
        starts_at=series.starts_at,
        weekday=series.weekday,
        week_of_month=series.week_of_month,
        day_of_month=series.day_of_month,
        first_month=series.first_month,
    )


def _validate_series(series: MeetingSeries) -> None:
    if series.kind not in MeetingKind.values:
        raise ValidationFailed(_("Jenis rapat tidak dikenal."), field_errors={"kind": [_("Pilih jenis rapat.")]})
    if not series.title.strip():
        raise ValidationFailed(_("Nama rapat wajib diisi."), field_errors={"title": [_("Isi nama rapat.")]})
    try:
        recurrence_of(series)
    except (RecurrenceError, ValueError) as exc:
        field = getattr(exc, "field", "frequency")
        raise ValidationFailed(str(exc), field_errors={field: [str(exc)]}) from exc


@transaction.atomic
def series_create(
    *, actor: Any, org_unit: OrgUnit, invited_units: Iterable[OrgUnit] = (), **fields: Any
) -> MeetingSeries:
    """Create a recurring meeting; ``fields`` are those of ``SERIES_FIELDS``."""
    tenant_id = authorize_organiser(
        actor, org_unit, denied=_("Anda hanya dapat membuat rapat berulang untuk unit Anda sendiri.")
    )
    unknown = set(fields) - set(SERIES_FIELDS)
    if unknown:
        raise TypeError(f"unknown series fields: {sorted(unknown)}")
    series = MeetingSeries(tenant_id=tenant_id, org_unit=org_unit, **fields)
    _validate_series(series)
    series.save()
    units = [unit for unit in invited_units if unit.tenant_id == tenant_id]
    series.invited_units.set(units)
    audit.record(
        actor=actor,
        tenant_id=tenant_id,
        action="meetings.series.create",
        target=series,
        org_unit_path=org_unit.path,
        after={**audit.model_snapshot(series, SERIES_FIELDS), "invited": sorted(u.code for u in units)},
    )
    return series


@transaction.atomic
def series_update(
    *, actor: Any, series: MeetingSeries, invited_units: Iterable[OrgUnit] | None = None, **fields: Any
) -> MeetingSeries:
    """Change a series; meetings already created keep their time (only the next ones follow)."""
    authorize(actor, MEETINGS_MANAGE, series)
    series = MeetingSeries.objects.select_for_update().select_related("org_unit").get(pk=series.pk)
    unknown = set(fields) - set(SERIES_FIELDS)
    if unknown:
        raise TypeError(f"unknown series fields: {sorted(unknown)}")
    before = audit.model_snapshot(series, SERIES_FIELDS)
    for name, value in fields.items():
        setattr(series, name, value)
    _validate_series(series)
    series.save()
    if invited_units is not None:
        series.invited_units.set([u for u in invited_units if u.tenant_id == series.tenant_id])
    audit.record(
        actor=actor,
        tenant_id=series.tenant_id,
        action="meetings.series.update",
        target=series,
        org_unit_path=series.org_unit.path,
        before=before,
        after=audit.model_snapshot(series, SERIES_FIELDS),
    )
    return series


def series_generate(*, tenant: Tenant, today: dt.date, horizon: int = 3) -> list[Meeting]:
    """Create the next ``horizon`` meetings of every active series of ``tenant`` (idempotent)."""
    actor = SystemActor(tenant_id=tenant.pk, label="meetings_series")
    created: list[Meeting] = []
    all_series = list(
        MeetingSeries.objects.filter(tenant=tenant, is_active=True)
        .select_related("org_unit")
        .prefetch_related("invited_units")
    )
    if not all_series:
        return created
    calendar = calendar_around(tenant, today, today + dt.timedelta(days=31 * 6 * horizon))
    zone = tenant.zone
    for series in all_series:
        days = next_dates(recurrence_of(series), today, horizon, calendar.is_working)
        starts = [dt.datetime.combine(day, series.starts_at, tzinfo=zone) for day in days]
        have = set(Meeting.objects.filter(series=series, starts_at__in=starts).values_list("starts_at", flat=True))
        for starts_at in starts:
            if starts_at in have:
                continue
            try:
                with transaction.atomic():
                    meeting = Meeting.objects.create(
                        tenant=tenant,
                        series=series,
                        org_unit=series.org_unit,
                        kind=series.kind,
                        title=series.title,
                        starts_at=starts_at,
                        ends_at=starts_at + dt.timedelta(minutes=series.duration_minutes or 120),
                        venue=series.venue,
                        video_link=series.video_link,
                        chair_id=series.chair_id,
                        secretary_id=series.secretary_id,
                        pre_read_at=timing.pre_read_at(starts_at),
                    )
                    Invitation.objects.bulk_create(
                        [Invitation(meeting=meeting, org_unit=unit) for unit in series.invited_units.all()]
                    )
                    items_carry_over(meeting=meeting)
                    audit.record(
                        actor=actor,
                        tenant_id=tenant.pk,
                        action="meetings.series.generate",
                        target=meeting,
                        org_unit_path=series.org_unit.path,
                        after={"series": series.pk, "starts_at": starts_at.isoformat()},
                    )
            except IntegrityError:  # another run created it between our read and write
                continue
            created.append(meeting)
    return created

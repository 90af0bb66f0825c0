"""Roles and what each may do. A role says *what*; its assignment's unit says *where*.

Actions are dotted strings checked by ``visible_to`` and ``authorize``. Later
apps add their actions to ``ROLE_ACTIONS``; the permission matrix documents it
(docs/permissions.md).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    HEAD_OF_REGION = "head_of_region", _("Bupati / Wali Kota")
    DEPUTY_HEAD = "deputy_head", _("Wakil Bupati / Wakil Wali Kota")
    REGIONAL_SECRETARY = "regional_secretary", _("Sekretaris Daerah")
    ASSISTANT = "assistant", _("Asisten Sekda")
    OPD_HEAD = "opd_head", _("Kepala OPD")
    CAMAT = "camat", _("Camat")
    VERIFIER = "verifier", _("Verifikator (Bappeda/Inspektorat)")
    HR_ADMIN = "hr_admin", _("Admin BKPSDM")
    ASN = "asn", _("ASN")
    PLANNER = "planner", _("Perencana Bappeda")
    PERFORMANCE_OPERATOR = "performance_operator", _("Operator kinerja OPD")
    ATTENDANCE_OPERATOR = "attendance_operator", _("Operator presensi OPD")
    MEETING_SECRETARIAT = "meeting_secretariat", _("Sekretariat rapat (Setda)")
    PLATFORM_ADMIN = "platform_admin", _("Admin platform")


ORG_VIEW = "org.view"
ORG_MANAGE = "org.manage"
PEOPLE_VIEW = "people.view"
PEOPLE_MANAGE = "people.manage"
IMPORTS_RUN = "imports.run"
ACCESS_MANAGE = "access.manage"
AUDIT_VIEW = "audit.view"
PLANNING_VIEW = "planning.view"
PLANNING_MANAGE = "planning.manage"
# Performance (issue 3): agreements, periodic reports, scores, consequences, the cockpit.
PERFORMANCE_VIEW = "performance.view"  # agreements, reports, scores and consequences in scope; the OPD page
AGREEMENTS_MANAGE = "agreements.manage"  # draft and revise a unit's performance agreement (PK)
AGREEMENTS_SIGN = "agreements.sign"  # sign a PK: the unit's head (second party) or the Bupati (first party)
REPORTS_EDIT = "reports.edit"  # fill a periodic report: values, narrative, evidence
REPORTS_SUBMIT = "reports.submit"  # submit (and resubmit) a unit's periodic report
REPORTS_VERIFY = "reports.verify"  # verify or return a submitted report (never one's own submission)
PERFORMANCE_RATE = "performance.rate"  # the human likelihood-of-delivery rating, with a reason
CONSEQUENCES_MANAGE = "consequences.manage"  # own, progress and close follow-ups of the consequences register
COCKPIT_VIEW = "cockpit.view"  # the Bupati's cockpit (league tables, reds, overdue reports) over the scope
# Attendance (issue 4): punches, days, recaps, excuses, devices, calendars.
ATTENDANCE_VIEW = "attendance.view"  # days, punches, recaps, excuses and the today board of the people in scope
ATTENDANCE_CHECKIN = "attendance.checkin"  # check in and out from the web/mobile page (one's own punches only)
EXCUSES_REQUEST = "excuses.request"  # request leave, sick, duty travel, permit, WFH (one's own, or for staff in scope)
EXCUSES_APPROVE = "excuses.approve"  # approve or reject the excuses of staff in scope (the direct superior)
ATTENDANCE_ROSTER = "attendance.roster"  # shift rosters of 24-hour units in scope
ATTENDANCE_IMPORT = "attendance.import"  # upload device files (.dat, CSV, Excel) for devices and staff in scope
ATTENDANCE_MANAGE = (
    "attendance.manage"  # schedules, holidays, devices, PINs, geofences, outages, anomalies, month close
)

# Discipline (issue 5): the PP 94/2021 ladder, warnings, cases, appeals, GDN supervision reports.
DISCIPLINE_VIEW = "discipline.view"  # counters, warnings and cases of the people in scope (one's own: self)
DISCIPLINE_ACT = "discipline.act"  # act on warnings (open a case or record why not), summon, examine: the superior
DISCIPLINE_MANAGE = "discipline.manage"  # BKPSDM: every case, teams, decisions for the PYBMH, delivery, appeals
DISCIPLINE_REPORT = "discipline.report"  # file the unit's monthly GDN supervision report (the unit's head)
DISCIPLINE_REVIEW = "discipline.review"  # review OPD reports and forward the cluster summary (Asisten; Sekda reads)

# Meetings (issue 6): coordination meetings, commitments (action items), directives, field visits.
MEETINGS_VIEW = "meetings.view"  # meetings, briefs, minutes, action items, directives and visits in scope
MEETINGS_MANAGE = "meetings.manage"  # schedule meetings and series, take minutes, send briefs and memos, visits
ACTIONS_UPDATE = "actions.update"  # the owner unit progresses its action items and submits evidence
ACTIONS_VERIFY = "actions.verify"  # verify (or return) the evidence of an action item: the chair's secretariat
DIRECTIVES_REPORT = "directives.report"  # report a unit's compliance with the Bupati's directives

_LEADERSHIP = frozenset(
    {ORG_VIEW, PEOPLE_VIEW, PLANNING_VIEW, PERFORMANCE_VIEW, COCKPIT_VIEW, ATTENDANCE_VIEW, DISCIPLINE_VIEW}
    | {MEETINGS_VIEW}
)
#: What the head of a unit does with its own performance: plan, agree, report (not verify).
_UNIT_HEAD = frozenset(
    {ORG_VIEW, PEOPLE_VIEW, PLANNING_VIEW, PLANNING_MANAGE, PERFORMANCE_VIEW}
    | {AGREEMENTS_MANAGE, AGREEMENTS_SIGN, REPORTS_EDIT, REPORTS_SUBMIT}
    | {ATTENDANCE_VIEW, EXCUSES_APPROVE, ATTENDANCE_ROSTER}
    | {DISCIPLINE_VIEW, DISCIPLINE_ACT, DISCIPLINE_REPORT}
    | {MEETINGS_VIEW, MEETINGS_MANAGE, ACTIONS_UPDATE, ACTIONS_VERIFY, DIRECTIVES_REPORT}
)

ROLE_ACTIONS: dict[str, frozenset[str]] = {
    # The Bupati signs every PK as its first party.
    Role.HEAD_OF_REGION: _LEADERSHIP | {AGREEMENTS_SIGN},
    Role.DEPUTY_HEAD: _LEADERSHIP,
    Role.REGIONAL_SECRETARY: _LEADERSHIP
    | {AUDIT_VIEW, PERFORMANCE_RATE, CONSEQUENCES_MANAGE, DISCIPLINE_REVIEW, MEETINGS_MANAGE, ACTIONS_VERIFY},
    Role.ASSISTANT: _LEADERSHIP
    | {PERFORMANCE_RATE, CONSEQUENCES_MANAGE, DISCIPLINE_REVIEW, MEETINGS_MANAGE, ACTIONS_VERIFY},
    # Heads maintain their own unit's Renstra (strategic targets, indicators, trajectories), sign its PK and
    # submit its periodic reports.
    Role.OPD_HEAD: _UNIT_HEAD,
    Role.CAMAT: _UNIT_HEAD,
    Role.VERIFIER: frozenset({ORG_VIEW, AUDIT_VIEW, PLANNING_VIEW, PERFORMANCE_VIEW, REPORTS_VERIFY}),
    Role.HR_ADMIN: frozenset(
        {ORG_VIEW, ORG_MANAGE, PEOPLE_VIEW, PEOPLE_MANAGE, IMPORTS_RUN, ACCESS_MANAGE, AUDIT_VIEW, PLANNING_VIEW}
        | {PERFORMANCE_VIEW, CONSEQUENCES_MANAGE}
        | {ATTENDANCE_VIEW, EXCUSES_REQUEST, ATTENDANCE_ROSTER, ATTENDANCE_IMPORT, ATTENDANCE_MANAGE}
        | {DISCIPLINE_VIEW, DISCIPLINE_ACT, DISCIPLINE_MANAGE}
    ),
    Role.ASN: frozenset({ORG_VIEW, PLANNING_VIEW}),
    # The OPD's performance operator (an OPD clerk) fills reports and drafts the PK; the head submits and signs.
    Role.PERFORMANCE_OPERATOR: frozenset(
        {ORG_VIEW, PLANNING_VIEW, PERFORMANCE_VIEW, AGREEMENTS_MANAGE, REPORTS_EDIT, MEETINGS_VIEW, ACTIONS_UPDATE}
    ),
    # The OPD's attendance operator keeps the unit's rosters, uploads device files and files excuses for staff.
    Role.ATTENDANCE_OPERATOR: frozenset(
        {ORG_VIEW, PEOPLE_VIEW, ATTENDANCE_VIEW, EXCUSES_REQUEST, ATTENDANCE_ROSTER, ATTENDANCE_IMPORT}
    ),
    # Assigned over the root, so tenant-wide: the RPJMD (period, missions, goals, targets, programs) is theirs;
    # org.view to pick the OPD that owns a priority program. Bappeda also drafts PKs and rates likelihood.
    Role.PLANNER: frozenset(
        {ORG_VIEW, PLANNING_VIEW, PLANNING_MANAGE, PERFORMANCE_VIEW, AGREEMENTS_MANAGE, PERFORMANCE_RATE, COCKPIT_VIEW}
    ),
    # The Setda staff who run the rakor: schedule, minutes, briefs and memos, verify the evidence of commitments.
    Role.MEETING_SECRETARIAT: frozenset({ORG_VIEW, PLANNING_VIEW, MEETINGS_VIEW, MEETINGS_MANAGE, ACTIONS_VERIFY}),
    Role.PLATFORM_ADMIN: frozenset(),
}

#: What every user with an employee record may do on their own records.
SELF_ACTIONS = frozenset({PEOPLE_VIEW, ATTENDANCE_VIEW, ATTENDANCE_CHECKIN, EXCUSES_REQUEST, DISCIPLINE_VIEW})

#: Roles whose holders must pass a TOTP second factor at login.
SECOND_FACTOR_ROLES = frozenset({Role.HR_ADMIN, Role.PLATFORM_ADMIN})

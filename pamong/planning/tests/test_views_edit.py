"""Edit pages of the RPJMD rows and of OPD strategic targets: permission matrix (GET and POST), the change and its
audit event, bad input that saves nothing, and the "Ubah" links of the tree for those who may use them."""

import pytest
from django.urls import reverse

from pamong.core.models import AuditEvent
from pamong.core.scope import SystemActor
from pamong.core.testing.matrix import check_matrix
from pamong.core.testing.personas import expectations
from pamong.planning import services
from pamong.planning.choices import ProgramKind
from pamong.planning.models import Goal, Mission, PlanPeriod, PriorityProgram, RegionalTarget, StrategicTarget

pytestmark = pytest.mark.django_db

SEES_DISDIK = ("bupati", "sekda", "asisten", "kepala_opd", "verifier", "hr_admin", "asn", "planner")
EDITS_DISDIK = ("kepala_opd", "planner")

#: Every persona of Kabupaten Uji reads the RPJMD (403 on its forms); only the planner changes it.
RPJMD_GET = expectations(403, planner=200, other_tenant=404, anonymous=302)
RPJMD_POST = expectations(403, planner=302, other_tenant=404, anonymous=302)
#: Dinas Pendidikan's strategic target: its readers get 403, its managers the form, everyone else 404.
STRATEGIC_GET = expectations(
    404, anonymous=302, **{**dict.fromkeys(SEES_DISDIK, 403), **dict.fromkeys(EDITS_DISDIK, 200)}
)
#: Django's "required" message in Indonesian, shown under the empty field.
REQUIRED = "Bidang ini harus diisi."
STRATEGIC_POST = expectations(
    404, anonymous=302, **{**dict.fromkeys(SEES_DISDIK, 403), **dict.fromkeys(EDITS_DISDIK, 302)}
)


def rpjmd_pages(plan, cast):
    """(URL name, object, a valid form body) of every RPJMD edit page."""
    return [
        ("planning:period_update", plan.period, {"name": "RPJMD 2025–2030 (perubahan)", "vision": "Visi baru"}),
        ("planning:mission_update", plan.mission, {"number": "1", "text": "Misi yang dirumuskan ulang"}),
        ("planning:goal_update", plan.goal, {"code": "T1", "text": "Tujuan yang dirumuskan ulang"}),
        ("planning:regional_target_update", plan.regional_target, {"code": "S1", "text": "Sasaran baru"}),
        (
            "planning:program_update",
            plan.program,
            {"name": "Uji Cerdas Plus", "kind": "gerakan", "owner_unit": cast.units["dinkes"].pk, "description": ""},
        ),
    ]


def strategic_body(plan, **overrides):
    body = {
        "code": "SS1",
        "text": "Meningkatnya partisipasi sekolah dasar",
        "regional_target": plan.regional_target.pk,
        "priority_program": "",
    }
    body.update(overrides)
    return body


def test_rpjmd_edit_pages_matrix(cast, plan):
    for name, row, body in rpjmd_pages(plan, cast):
        url = reverse(name, args=[row.pk])
        check_matrix(cast, "get", url, RPJMD_GET)
        # A reader of the RPJMD who may not change it gets 403 on the write too, another tenant 404.
        check_matrix(cast, "post", url, RPJMD_POST, data=body, content_type=None)


def test_strategic_target_edit_page_matrix(cast, plan):
    url = reverse("planning:strategic_target_update", args=[plan.strategic.pk])
    check_matrix(cast, "get", url, STRATEGIC_GET)
    check_matrix(cast, "post", url, STRATEGIC_POST, data=strategic_body(plan), content_type=None)


def test_edit_pages_start_from_the_current_values(cast, plan):
    client = cast.client_for("planner")
    html = client.get(reverse("planning:period_update", args=[plan.period.pk])).content.decode()
    assert 'value="RPJMD 2025–2030"' in html and plan.period.vision in html
    html = client.get(reverse("planning:goal_update", args=[plan.goal.pk])).content.decode()
    assert 'value="T1"' in html and plan.goal.text in html
    html = client.get(reverse("planning:program_update", args=[plan.program.pk])).content.decode()
    assert 'value="Uji Cerdas"' in html and f'value="{cast.units["disdik"].pk}" selected' in html
    assert 'name="code"' not in html  # the code is the program's key in imports: not changeable
    html = cast.client_for("kepala_opd").get(reverse("planning:strategic_target_update", args=[plan.strategic.pk]))
    html = html.content.decode()
    assert 'value="SS1"' in html and f'value="{plan.regional_target.pk}" selected' in html
    assert "Dinas Pendidikan · RPJMD 2025–2030" in html  # the unit is named: its code alone is not unique


def test_each_rpjmd_page_changes_its_row_and_writes_the_audit_event(cast, plan):
    client = cast.client_for("planner")
    for name, row, body in rpjmd_pages(plan, cast):
        response = client.post(reverse(name, args=[row.pk]), body)
        assert response.status_code == 302, name
        assert response["Location"] == f"{reverse('planning:tree')}?periode={plan.period.pk}"
    assert PlanPeriod.objects.get(pk=plan.period.pk).vision == "Visi baru"
    assert Mission.objects.get(pk=plan.mission.pk).text == "Misi yang dirumuskan ulang"
    assert Goal.objects.get(pk=plan.goal.pk).text == "Tujuan yang dirumuskan ulang"
    assert RegionalTarget.objects.get(pk=plan.regional_target.pk).text == "Sasaran baru"
    program = PriorityProgram.objects.get(pk=plan.program.pk)
    assert (program.name, program.kind, program.owner_unit) == ("Uji Cerdas Plus", "gerakan", cast.units["dinkes"])
    for action in ("period", "mission", "goal", "regional_target", "program"):
        event = AuditEvent.objects.get(action=f"planning.{action}.updated")
        assert event.actor_id == cast.users["planner"].pk and event.before != event.after
    assert AuditEvent.objects.get(action="planning.goal.updated").before["text"] == "Meningkatnya kualitas pendidikan"


def test_saving_unchanged_values_records_nothing(cast, plan):
    client = cast.client_for("planner")
    body = {"code": "T1", "text": plan.goal.text}
    assert client.post(reverse("planning:goal_update", args=[plan.goal.pk]), body).status_code == 302
    assert not AuditEvent.objects.filter(action="planning.goal.updated").exists()


def test_opd_head_relinks_a_strategic_target_to_a_program(cast, plan):
    client = cast.client_for("kepala_opd")
    url = reverse("planning:strategic_target_update", args=[plan.strategic.pk])
    body = strategic_body(plan, regional_target="", priority_program=plan.program.pk)
    assert client.post(url, body).status_code == 302
    target = StrategicTarget.objects.get(pk=plan.strategic.pk)
    assert target.regional_target is None and target.priority_program == plan.program
    event = AuditEvent.objects.get(action="planning.strategic_target.updated")
    assert event.org_unit_path == cast.units["disdik"].path and event.actor_id == cast.users["kepala_opd"].pk
    # The tree now shows the target under the program, with its pencil for its head.
    html = client.get(reverse("planning:tree")).content.decode()
    program_block = html[html.index(f'data-code="{plan.program.code}"') :]
    program_block = program_block[: program_block.index("</details>")]
    assert f'data-testid="edit-strategic-{plan.strategic.pk}"' in program_block
    # Linked to nothing: the tree warns, and the target's indicators become orphans.
    assert client.post(url, strategic_body(plan, regional_target="")).status_code == 302
    html = cast.client_for("planner").get(reverse("planning:tree")).content.decode()
    warning = html[html.index('data-testid="unlinked-strategic"') :]
    assert "SS1" in warning[: warning.index("</ul>")]


@pytest.mark.parametrize(
    ("name", "field", "blank"),
    [
        ("planning:period_update", "vision", {"name": "RPJMD 2025–2030", "vision": "   "}),
        ("planning:mission_update", "text", {"number": "1", "text": ""}),
        ("planning:goal_update", "text", {"code": "T1", "text": " "}),
        ("planning:regional_target_update", "code", {"code": "", "text": "Sasaran"}),
        ("planning:program_update", "name", {"name": "", "kind": "program", "owner_unit": "", "description": ""}),
    ],
)
def test_empty_text_is_refused_and_nothing_saved(cast, plan, name, field, blank):
    rows = {
        "planning:period_update": plan.period,
        "planning:mission_update": plan.mission,
        "planning:goal_update": plan.goal,
        "planning:regional_target_update": plan.regional_target,
        "planning:program_update": plan.program,
    }
    row = rows[name]
    response = cast.client_for("planner").post(reverse(name, args=[row.pk]), blank)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert REQUIRED in response.content.decode()
    assert getattr(type(row).objects.get(pk=row.pk), field) == getattr(row, field)
    assert not AuditEvent.objects.filter(action__endswith=".updated").exists()


def test_duplicate_codes_and_numbers_get_a_clear_message_and_save_nothing(cast, plan):
    system = SystemActor(tenant_id=cast.tenant.pk, label="test")
    services.mission_create(actor=system, period=plan.period, number=2, text="Misi kedua")
    services.goal_create(actor=system, mission=plan.mission, code="T2", text="Tujuan kedua")
    services.regional_target_create(actor=system, goal=plan.goal, code="S2", text="Sasaran kedua")
    services.strategic_target_create(
        actor=system, org_unit=cast.units["disdik"], period=plan.period, code="SS2", text="Sasaran kedua"
    )
    planner = cast.client_for("planner")
    cases = [
        (planner, "planning:mission_update", plan.mission, {"number": "2", "text": "X"}, "Misi nomor 2 sudah ada."),
        (planner, "planning:goal_update", plan.goal, {"code": "T2", "text": "X"}, "Kode T2 sudah dipakai."),
        (
            planner,
            "planning:regional_target_update",
            plan.regional_target,
            {"code": "S2", "text": "X"},
            "Kode S2 sudah dipakai.",
        ),
        (
            cast.client_for("kepala_opd"),
            "planning:strategic_target_update",
            plan.strategic,
            strategic_body(plan, code="SS2", text="X"),
            "Kode SS2 sudah dipakai di unit ini.",
        ),
    ]
    for client, name, row, body, message in cases:
        response = client.post(reverse(name, args=[row.pk]), body)
        assert response.status_code == 200, name
        assert message in response.content.decode(), name
        assert type(row).objects.get(pk=row.pk).text == row.text, name  # the text was not saved either
    assert not AuditEvent.objects.filter(action__endswith=".updated").exists()


def test_a_strategic_target_cannot_link_to_another_periods_rows(cast, plan):
    system = SystemActor(tenant_id=cast.tenant.pk, label="test")
    other = services.period_create(actor=system, name="RPJMD 2030–2035", start_year=2030, end_year=2035, vision="V")
    foreign = services.priority_program_create(
        actor=system, period=other, code="PX", name="Lain", kind=ProgramKind.PROGRAM, owner_unit=cast.units["disdik"]
    )
    url = reverse("planning:strategic_target_update", args=[plan.strategic.pk])
    response = cast.client_for("kepala_opd").post(url, strategic_body(plan, priority_program=foreign.pk))
    assert response.status_code == 200 and "priority_program" in response.context["form"].errors
    assert StrategicTarget.objects.get(pk=plan.strategic.pk).priority_program is None


def test_tree_shows_the_pencils_to_those_who_may_use_them(cast, plan):
    def testids(persona):
        html = cast.client_for(persona).get(reverse("planning:tree")).content.decode()
        return {
            kind
            for kind, pk in (
                ("period", ""),
                ("mission", plan.mission.pk),
                ("goal", plan.goal.pk),
                ("regional-target", plan.regional_target.pk),
                ("program", plan.program.pk),
                ("strategic", plan.strategic.pk),
            )
            if (f'data-testid="edit-{kind}-{pk}"' if pk else 'data-testid="edit-period"') in html
        }

    everything = {"period", "mission", "goal", "regional-target", "program", "strategic"}
    assert testids("planner") == everything
    assert testids("kepala_opd") == {"strategic"}
    for reader in ("bupati", "sekda", "asisten", "verifier", "asn", "camat"):
        assert testids(reader) == set(), reader
    html = cast.client_for("planner").get(reverse("planning:tree")).content.decode()
    assert reverse("planning:mission_update", args=[plan.mission.pk]) in html
    assert reverse("planning:strategic_target_update", args=[plan.strategic.pk]) in html

"""A real browser walks the main path: a Kepala OPD browses the tree and a profile; a BKPSDM admin
passes TOTP and uploads an employee file with a bad NIP.

Each step saves a desktop (1280 px) screenshot and, for the pages people open on a phone, a 390 px one
in var/screenshots/. The page must log no error (a CSP violation or a failed script shows up there).
"""

from __future__ import annotations

import base64
import re
from typing import Any

import pytest
from django.urls import NoReverseMatch, reverse
from django_otp.oath import totp

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

PASSWORD = "persona-pass-123"


def open_page(browser: Any) -> tuple[Any, list[str]]:
    context = browser.new_context(viewport=DESKTOP, locale="id-ID")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return page, errors


def log_in(page: Any, base: str, username: str) -> None:
    page.goto(base + reverse("access:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def both_sizes(page: Any, screenshot: Any, name: str) -> None:
    screenshot(page, f"{name}-desktop")
    page.set_viewport_size(PHONE)
    screenshot(page, f"{name}-phone")
    page.set_viewport_size(DESKTOP)


def test_kepala_opd_browses_then_hr_admin_imports(walkthrough_cast, live_server, browser, screenshot):
    cast, base = walkthrough_cast, live_server.url

    # --- Kepala Dinas Pendidikan: log in through the real form --------------------------------------
    page, errors = open_page(browser)
    log_in(page, base, "kepala_opd")
    assert page.url == base + reverse("core:home")
    assert page.get_by_test_id("current-user").inner_text() == "Budi Kadisdik"
    assert page.get_by_test_id("stat-employees").inner_text() == "2"
    both_sizes(page, screenshot, "01-kepala-home")

    # --- the org tree: only Dinas Pendidikan, expanded lazily over HTMX -------------------------------
    page.get_by_role("button", name="Organisasi").click()  # the menu groups the structure and the employees
    page.get_by_role("link", name="Struktur organisasi").click()
    page.wait_for_url(base + reverse("org:tree"))
    nodes = page.locator("[data-testid=unit-node]")
    assert nodes.count() == 1 and nodes.first.get_attribute("data-code") == "DISDIK"
    assert page.locator("text=Dinas Kesehatan").count() == 0
    page.locator('[data-code="DISDIK"] > details > summary').click(position={"x": 6, "y": 12})
    child = page.locator('[data-code="DISDIK-SD"]')
    child.wait_for()
    assert "Bidang Pembinaan SD" in child.inner_text()
    both_sizes(page, screenshot, "02-kepala-tree-expanded")

    # --- unit detail: positions with holders, Plt badge, who headed it on a date ----------------------
    child.get_by_role("link", name="Bidang Pembinaan SD").click()
    page.wait_for_url(re.compile(r"/organisasi/unit/\d+/$"))
    positions = page.get_by_test_id("positions")
    assert "Plt" in positions.inner_text() and "Citra Staf" in positions.inner_text()
    page.fill("#id_pada", "2025-03-03")
    page.get_by_role("button", name="Tampilkan").click()
    page.get_by_test_id("heads-result").get_by_text("Pada 3 Maret 2025").wait_for()
    assert "Lowong" in page.get_by_test_id("heads-result").inner_text()
    both_sizes(page, screenshot, "03-kepala-unit-detail")

    # --- the employee list: the search swaps only the table -----------------------------------------
    page.get_by_role("button", name="Organisasi").click()
    page.get_by_role("link", name="Pegawai", exact=True).click()
    page.wait_for_url(base + reverse("people:employee_list"))
    assert page.get_by_test_id("result-count").inner_text() == "2 pegawai"
    page.fill("#id_q", "citra")
    page.get_by_test_id("result-count").filter(has_text="1 pegawai").wait_for()
    assert "q=citra" in page.url  # hx-push-url keeps the filter in the address bar
    assert page.locator("td.nip").inner_text() == cast.employees["asn"].nip_formatted
    both_sizes(page, screenshot, "04-kepala-employee-list")

    # --- the profile with its assignment history ----------------------------------------------------
    page.get_by_role("link", name="Citra Staf").click()
    page.wait_for_url(base + reverse("people:employee_detail", args=[cast.employees["asn"].pk]))
    history = page.get_by_test_id("assignment-history")
    text = history.inner_text()
    assert "Kepala Bidang Pembinaan SD" in text and "Pengelola Data" in text
    assert "Plt" in text and "Definitif" in text and "21 hari" in text and "aktif" in text
    assert "III/a — Penata Muda" in page.get_by_test_id("grade").inner_text()
    assert page.get_by_role("link", name="Ubah").count() == 0  # a Kepala OPD reads, BKPSDM edits
    both_sizes(page, screenshot, "05-kepala-employee-profile")
    assert errors == [], errors
    page.context.close()

    # --- BKPSDM admin: log in, enrol TOTP from the setup page's key ---------------------------------
    page, errors = open_page(browser)
    log_in(page, base, "hr_admin")
    assert page.url == base + reverse("access:otp_setup")
    secret = page.get_by_test_id("totp-secret").inner_text().strip()
    page.fill("#id_token", f"{totp(base64.b32decode(secret)):06d}")
    page.get_by_role("button", name="Aktifkan").click()
    page.wait_for_url(base + reverse("core:home"))
    assert page.get_by_test_id("stat-acting").inner_text() == "1"
    assert "Kepala Bidang Pembinaan SD" in page.get_by_test_id("acting-heads").inner_text()
    both_sizes(page, screenshot, "06-admin-home")

    # --- a unit as its manager sees it, and appointing someone: the OPD choice reloads the posts ----
    page.goto(base + reverse("org:unit_detail", args=[cast.units["disdik"].pk]))
    assert page.get_by_role("link", name="Ubah").count() >= 1
    both_sizes(page, screenshot, "07-admin-unit-detail")
    page.goto(base + reverse("people:assignment_start", args=[cast.employees["asn"].pk]))
    positions = page.locator("#id_position option")
    assert "Kepala Bidang Pembinaan SD" in " ".join(positions.all_inner_texts())
    page.select_option("#id_unit", str(cast.units["dinkes"].pk))
    page.locator("#id_position option", has_text="Kepala Dinas Kesehatan").wait_for(state="attached")
    assert "Kepala Bidang Pembinaan SD" not in " ".join(positions.all_inner_texts())
    page.select_option("#id_position", str(cast.positions["kadinkes"].pk))
    page.select_option("#id_kind", "plh")
    both_sizes(page, screenshot, "08-admin-assignment-start")

    # --- the create form explains a bad NIP per part as it is typed --------------------------------
    page.goto(base + reverse("people:employee_create"))
    page.fill("#id_nip", "19750230 200103 1 002")
    page.get_by_test_id("nip-problems").wait_for()
    assert "bukan tanggal yang sah" in page.get_by_test_id("nip-problems").inner_text()
    page.fill("#id_nip", "19870131 200912 2 006")
    page.get_by_test_id("nip-decoded").wait_for()
    assert "31 Januari 1987" in page.get_by_test_id("nip-decoded").inner_text()
    both_sizes(page, screenshot, "09-admin-employee-create")

    # --- an employee file with a bad NIP in one row (the imports app) ------------------------------
    try:
        upload_url = reverse("imports:batch_create")
    except NoReverseMatch:
        pytest.skip("imports:batch_create does not exist yet")
    page.goto(base + upload_url)
    csv = (
        "NIP_BARU;NAMA;JENIS_PEGAWAI;GOL_AKHIR;KODE_UNOR\n"
        "198801012010011001;Irma Baru;PNS;III/a;DISDIK-SD\n"
        "197502302001031002;Joko Salah;PNS;III/b;DISDIK-SD\n"
    )
    page.select_option("select[name=kind]", "employees")
    page.set_input_files(
        "input[name=file]", files=[{"name": "pegawai.csv", "mimeType": "text/csv", "buffer": csv.encode()}]
    )
    screenshot(page, "10-admin-import-upload-desktop")
    page.locator("[data-testid=upload-form] button[type=submit]").click()
    report = page.get_by_test_id("import-errors")
    report.wait_for(timeout=15_000)
    text = report.inner_text()
    assert "3" in text and "NIP_BARU" in text and "bukan tanggal yang sah" in text
    both_sizes(page, screenshot, "11-admin-import-errors")
    assert errors == [], errors
    page.context.close()

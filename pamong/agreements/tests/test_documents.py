"""The printed agreement (PDF) and verification by code and by file, including tampering and supersession."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from pamong.agreements import documents, selectors, services
from pamong.agreements.models import AgreementItemTarget, AgreementSignature, PerformanceAgreement
from pamong.agreements.rules.texts import number_id, rupiah
from pamong.agreements.testing import drafted, signed, submitted
from pamong.core.errors import ValidationFailed

pytestmark = pytest.mark.django_db

VERIFY_URL = "https://pamong.example/perjanjian-kinerja/verifikasi/"


def pdf_of(cast, agreement):
    loaded = selectors.agreement_queryset(actor=cast.users["planner"]).get(pk=agreement.pk)
    return documents.agreement_pdf(loaded, verify_url=VERIFY_URL)


def text_of(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal("12345.5000"), "12.345,5"), (Decimal("100"), "100"), (Decimal("-0.25"), "-0,25"), (Decimal("0"), "0")],
)
def test_numbers_on_the_document(value, text):
    assert number_id(value) == text


def test_rupiah_on_the_document():
    assert rupiah(12_500_000_000) == "Rp 12.500.000.000"


def test_signed_pdf_has_the_official_parts_targets_signatures_and_the_hash(cast, aplan):
    agreement = signed(cast)
    reader, text = text_of(pdf_of(cast, agreement))
    assert len(reader.pages) == 3
    assert reader.metadata["/Subject"] == f"PAMONG-PK SHA-256: {agreement.content_hash}"
    for expected in (
        "PEMERINTAH KABUPATEN UJI",
        "DINAS PENDIDIKAN",
        "PERJANJIAN KINERJA TAHUN 2026",
        "selanjutnya disebut pihak pertama",
        "selaku atasan pihak pertama, selanjutnya disebut pihak kedua",
        "Budi Kadisdik",
        "BUPATI UJI",
        "Angka partisipasi murni SD",
        "Jumlah guru tersertifikasi",
        "Rp 12.500.000.000",
        "PAKTA INTEGRITAS",
        "Ditandatangani secara elektronik",
        agreement.verification_code,
        agreement.integrity_pact.verification_code,
    ):
        assert expected in text, expected
    assert "780" in text and "TW III" in text  # the annual target and the trajectory header
    assert "Halaman 1 dari 3" in text
    assert f"?kode={agreement.verification_code}" in text.replace("\n", "")


def test_draft_pdf_is_marked_and_carries_no_code(cast, aplan):
    reader, text = text_of(pdf_of(cast, drafted(cast)))
    assert "DRAF" in text and "Kode verifikasi" not in text
    assert "/Subject" not in (reader.metadata or {})


def test_revision_pdf_is_titled_as_a_change(cast, aplan):
    v1 = signed(cast)
    v2 = services.agreement_revise(actor=cast.users["planner"], agreement=v1, reason="Perubahan APBD 2026")
    v2 = services.agreement_submit(actor=cast.users["planner"], agreement=v2)
    _, text = text_of(pdf_of(cast, v2))
    assert "PERJANJIAN KINERJA PERUBAHAN TAHUN 2026" in text and "Perubahan APBD 2026" in text


def test_pdf_page_and_api_answer_a_pdf(cast, aplan):
    agreement = submitted(cast)
    response = cast.client_for("kepala_opd").get(reverse("agreements:agreement_pdf", args=[agreement.pk]) + "?unduh=1")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"] == 'attachment; filename="PK-2026-DISDIK-v1.pdf"'


# -- verification ----------------------------------------------------------------------------------------


def test_verify_by_code_finds_the_version_and_its_signatures(cast, aplan):
    agreement = signed(cast)
    result = selectors.verify_code(actor=cast.users["verifier"], code=agreement.verification_code.lower())
    assert result.found and result.matches and result.intact and not result.superseded
    assert result.agreement == agreement and len(result.signatures) == 2
    pact = selectors.verify_code(actor=cast.users["verifier"], code=agreement.integrity_pact.verification_code)
    assert pact.found and pact.matches and pact.document == "integrity_pact" and len(pact.signatures) == 1


def test_out_of_scope_looks_like_not_found(cast, aplan):
    agreement = signed(cast)
    for persona in ("camat", "asn", "other_tenant"):
        assert not selectors.verify_code(actor=cast.users[persona], code=agreement.verification_code).found
    assert not selectors.verify_code(actor=cast.users["verifier"], code="0000-0000-0000-0000").found
    with pytest.raises(ValidationFailed):
        selectors.verify_code(actor=cast.users["verifier"], code="bukan kode")


def test_tampering_after_signing_is_detected(cast, aplan):
    agreement = signed(cast)
    AgreementItemTarget.objects.filter(item__agreement=agreement, item__indicator_code="IK1", period_no=2).update(
        target=Decimal("10")
    )
    result = selectors.verify_code(actor=cast.users["verifier"], code=agreement.verification_code)
    assert result.found and not result.intact and not result.matches
    assert result.recomputed_hash != result.stored_hash
    # A signature pointing at another hash is tampering too.
    AgreementItemTarget.objects.filter(item__agreement=agreement, item__indicator_code="IK1", period_no=2).update(
        target=Decimal("50")
    )
    assert selectors.verify_code(actor=cast.users["verifier"], code=agreement.verification_code).matches
    AgreementSignature.objects.filter(agreement=agreement, party="region_head").update(content_hash="e" * 64)
    assert not selectors.verify_code(actor=cast.users["verifier"], code=agreement.verification_code).intact


def test_a_superseded_version_says_which_version_is_in_force(cast, aplan):
    v1 = signed(cast)
    planner = cast.users["planner"]
    v2 = services.agreement_revise(actor=planner, agreement=v1, reason="Perubahan APBD")
    result = selectors.verify_code(actor=planner, code=v1.verification_code)
    assert result.matches and not result.superseded and result.newer == v2  # a revision is under way
    v2 = services.agreement_submit(actor=planner, agreement=v2)
    head, bupati = cast.users["kepala_opd"], cast.users["bupati"]
    services.agreement_sign(actor=head, agreement=v2, party="head", content_hash=v2.content_hash)
    services.integrity_pact_sign(actor=head, agreement=v2, content_hash=v2.integrity_pact.content_hash)
    services.agreement_sign(actor=bupati, agreement=v2, party="region_head", content_hash=v2.content_hash)
    result = selectors.verify_code(actor=planner, code=v1.verification_code)
    assert result.matches and result.superseded and result.in_force == PerformanceAgreement.objects.get(pk=v2.pk)


def test_verify_by_file_reads_the_full_hash_from_the_pdf(cast, aplan):
    agreement = signed(cast)
    result = selectors.verify_pdf(actor=cast.users["verifier"], data=pdf_of(cast, agreement))
    assert result.found and result.matches and result.full_hash and result.source == "file"


def test_a_file_that_is_not_a_pdf_is_refused_with_a_clear_message(cast, aplan):
    with pytest.raises(ValidationFailed) as failure:
        selectors.verify_pdf(actor=cast.users["verifier"], data=b"PK\x03\x04 a zip named perjanjian.pdf")
    assert "bukan PDF" in failure.value.message
    with pytest.raises(ValidationFailed) as failure:
        selectors.verify_pdf(actor=cast.users["verifier"], data=b"%PDF-1.7\n garbage without structure")
    assert "rusak" in failure.value.message or "tidak memuat kode" in failure.value.message


def test_a_pdf_without_a_pamong_code_is_refused(cast, aplan):
    from weasyprint import HTML

    other = HTML(string="<p>Surat lain tanpa kode.</p>").write_pdf()
    with pytest.raises(ValidationFailed) as failure:
        selectors.verify_pdf(actor=cast.users["verifier"], data=other)
    assert "tidak memuat kode verifikasi" in failure.value.message


def test_an_oversized_upload_is_refused(cast, aplan, settings):
    settings.PAMONG_AGREEMENT_VERIFY_MAX_BYTES = 1000
    with pytest.raises(ValidationFailed) as failure:
        selectors.verify_pdf(actor=cast.users["verifier"], data=b"%PDF-" + b"0" * 2000)
    assert "terlalu besar" in failure.value.message


def test_verify_page_by_code_and_by_file(cast, aplan):
    agreement = signed(cast)
    client = cast.client_for("sekda")
    url = reverse("agreements:verify")
    html = client.get(url, {"kode": agreement.verification_code}).content.decode()
    assert 'data-testid="verify-match"' in html and "Budi Kadisdik" in html
    html = client.get(url, {"kode": "1234-5678-9ABC-DEF0"}).content.decode()
    assert 'data-testid="verify-not-found"' in html
    html = client.get(url, {"kode": "XYZ"}).content.decode()
    assert 'data-testid="verify-error"' in html
    upload = SimpleUploadedFile("PK-2026-DISDIK-v1.pdf", pdf_of(cast, agreement), content_type="application/pdf")
    html = client.post(url, {"file": upload}).content.decode()
    assert 'data-testid="verify-match"' in html and "hash lengkap" in html
    fake = SimpleUploadedFile("perjanjian.pdf", b"<html>bukan pdf</html>", content_type="application/pdf")
    response = client.post(url, {"file": fake})
    assert response.status_code == 400 and "bukan PDF" in response.content.decode()
    # The Camat cannot see Dinas Pendidikan: the same code is "not found" for him.
    html = cast.client_for("camat").get(url, {"kode": agreement.verification_code}).content.decode()
    assert 'data-testid="verify-not-found"' in html

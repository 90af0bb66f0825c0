from django.urls import path

from . import views

app_name = "agreements"

urlpatterns = [
    path("", views.AgreementListView.as_view(), name="agreement_list"),
    path("baru/", views.AgreementCreateView.as_view(), name="agreement_create"),
    path("baris-anggaran/", views.BudgetRowView.as_view(), name="budget_row"),
    path("verifikasi/", views.VerifyView.as_view(), name="verify"),
    path("<int:pk>/", views.AgreementDetailView.as_view(), name="agreement_detail"),
    path("<int:pk>/ubah/", views.AgreementUpdateView.as_view(), name="agreement_update"),
    path("<int:pk>/ajukan/", views.AgreementSubmitView.as_view(), name="agreement_submit"),
    path("<int:pk>/kembalikan/", views.AgreementReopenView.as_view(), name="agreement_reopen"),
    path("<int:pk>/batalkan/", views.AgreementCancelView.as_view(), name="agreement_cancel"),
    path("<int:pk>/perubahan/", views.AgreementReviseView.as_view(), name="agreement_revise"),
    path("<int:pk>/tanda-tangan/", views.SignView.as_view(), name="agreement_sign"),
    path("<int:pk>/pdf/", views.PdfView.as_view(), name="agreement_pdf"),
]

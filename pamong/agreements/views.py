from django.views.generic import TemplateView


class AgreementListView(TemplateView):
    template_name = "agreements/agreement_list.html"


class AgreementDetailView(TemplateView):
    template_name = "agreements/agreement_detail.html"

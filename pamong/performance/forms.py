"""Forms of the performance pages: types only; the rules (reasons, steps) live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from pamong.access.models import User
from pamong.planning.choices import MONTH_NAMES

from .choices import Likelihood


class StyledForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)


class RatingForm(StyledForm):
    """A likelihood-of-delivery rating with its mandatory reason, for one month."""

    month = forms.TypedChoiceField(label=_("Per akhir bulan"), coerce=int)
    rating = forms.ChoiceField(label=_("Kemungkinan tercapai"), choices=Likelihood.choices)
    reason = forms.CharField(
        label=_("Alasan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib: apa yang membuat target ini mungkin atau sulit dicapai."),
        max_length=2000,
    )

    def __init__(self, *args: Any, months: int = 12, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = [(m, MONTH_NAMES[m - 1]) for m in range(1, max(months, 1) + 1)]  # type: ignore[attr-defined]


class NoteForm(StyledForm):
    """The note of a register step (what was done, or why)."""

    note = forms.CharField(
        label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )


class AssignForm(NoteForm):
    """A new owner for a register entry, chosen among the people who can see the unit's performance."""

    owner_user = forms.ModelChoiceField(label=_("Penanggung jawab"), queryset=User.objects.none())

    field_order = ["owner_user", "note"]

    def __init__(self, *args: Any, users: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner_user"]
        field.queryset = users  # type: ignore[attr-defined]
        field.label_from_instance = lambda u: u.get_full_name() or (str(u.employee) if u.employee_id else u.username)  # type: ignore[attr-defined]

"""Forms shared by every app."""
from django import forms

from .visibility import LADDER, Visibility, rung


class PublishForm(forms.Form):
    visibility = forms.ChoiceField(label="Share with", choices=[])
    where = forms.CharField(
        max_length=200, required=False, label="Where (optional)",
        help_text='e.g. "presented at the April studio session".',
    )

    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visibility"].choices = [
            (level, Visibility(level).label) for level in LADDER if rung(level) > rung(record.visibility)
        ]

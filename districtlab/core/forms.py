"""Forms shared by every app."""
from django import forms

from .history import carry_revision
from .permissions import share_levels
from .visibility import LADDER, Visibility, rung


class PublishForm(forms.Form):
    visibility = forms.ChoiceField(label="Share with", choices=[])
    where = forms.CharField(
        max_length=200, required=False, label="Where (optional)",
        help_text='e.g. "presented at the April studio session".',
    )

    def __init__(self, *args, record, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        levels = share_levels(actor, record) if actor is not None else [  # the rungs above the record's own
            level for level in LADDER if rung(level) > rung(record.visibility)]
        self.fields["visibility"].choices = [(level, Visibility(level).label) for level in levels]
        carry_revision(self, record)

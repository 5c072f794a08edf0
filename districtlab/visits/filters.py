"""Filters for the list of meetings and visits."""
import django_filters as df

from districtlab.core.choosers import ChooserFilter
from districtlab.org.filters import NETWORKS, ActorFilterSet

from . import models as m


class MeetingFilter(ActorFilterSet):
    year = df.ChoiceFilter(field_name="school_year__name", label="School year", choices=[])
    network = ChooserFilter(chooser=NETWORKS)
    kind = df.ChoiceFilter(choices=m.Meeting.Kind.choices)
    status = df.ChoiceFilter(choices=m.Meeting.Status.choices)

    class Meta:
        model = m.Meeting
        fields = ["year", "network", "kind", "status"]

    def choices_from_data(self):
        return {"year": self._year_choices()}

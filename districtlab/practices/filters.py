"""Search and filters for the practice library (pages and API)."""
import django_filters as df
from django.db.models import Q

from districtlab.core.choosers import ChooserFilter
from districtlab.core.visibility import Visibility
from districtlab.inquiry.models import Evidence
from districtlab.org.filters import NETWORKS, SCHOOLS, ActorFilterSet
from districtlab.org.models import LearningFocusArea, NetworkMembership

from . import models as m


class PracticeFilter(ActorFilterSet):
    q = df.CharFilter(label="Search", method="search")
    kind = df.ChoiceFilter(choices=m.Practice.Kind.choices)
    focus_area = df.ModelChoiceFilter(field_name="focus_areas", queryset=LearningFocusArea.objects.order_by("name"),
                                      label="Focus area")
    grade_band = df.ChoiceFilter(choices=[])
    school = ChooserFilter(chooser=SCHOOLS, method="at_school", label="From or used at school")
    network = ChooserFilter(chooser=NETWORKS, method="in_network", label="From or used in network")
    level = df.ChoiceFilter(field_name="visibility", choices=Visibility.choices[1:], label="Shared with")
    evidence = df.ChoiceFilter(field_name="evidence__kind", choices=Evidence.Kind.choices, label="Evidence",
                               distinct=True)

    class Meta:
        model = m.Practice
        fields = ["q", "kind", "focus_area", "grade_band", "school", "network", "level", "evidence"]

    def choices_from_data(self):
        return {"grade_band": self._distinct_choices(m.Practice, "grade_band")}

    def search(self, qs, name, value):
        return qs.filter(Q(name__icontains=value) | Q(description__icontains=value))

    def at_school(self, qs, name, schools):
        return qs.filter(Q(origin_school__in=schools) | Q(adoptions__school__in=schools)).distinct()

    def in_network(self, qs, name, networks):
        return self.at_school(qs, name, NetworkMembership.objects.filter(network__in=networks).values("school"))

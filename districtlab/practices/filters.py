"""Search and filters for the practice library (pages and API)."""
import django_filters as df
from django.db.models import Q

from districtlab.core.visibility import Visibility
from districtlab.inquiry.models import Evidence
from districtlab.org.filters import ActorFilterSet
from districtlab.org.models import LearningFocusArea, Network, School

from . import models as m


class PracticeFilter(ActorFilterSet):
    q = df.CharFilter(label="Search", method="search")
    kind = df.ChoiceFilter(choices=m.Practice.Kind.choices)
    focus_area = df.ModelChoiceFilter(field_name="focus_areas", queryset=LearningFocusArea.objects.order_by("name"),
                                      label="Focus area")
    grade_band = df.ChoiceFilter(choices=[])
    school = df.ModelChoiceFilter(queryset=School.objects.order_by("name"), method="at_school",
                                  label="From or used at school")
    network = df.ModelChoiceFilter(queryset=Network.objects.select_related("school_year").order_by("name"),
                                   method="in_network", label="From or used in network")
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

    def at_school(self, qs, name, school):
        return qs.filter(Q(origin_school=school) | Q(adoptions__school=school)).distinct()

    def in_network(self, qs, name, network):
        schools = network.memberships.values("school")
        return qs.filter(Q(origin_school__in=schools) | Q(adoptions__school__in=schools)).distinct()

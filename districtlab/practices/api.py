"""JSON API for the practice library: the same ladder and rules as the pages."""
from districtlab.api.base import AuthoredSerializer, PublishActionMixin, ScopedViewSet
from districtlab.org.api import serializer_for as S
from districtlab.org.api import viewset_for

from . import models as m
from .filters import PracticeFilter


class PracticeSerializer(AuthoredSerializer):
    class Meta:
        model = m.Practice
        fields = ["id", "district", "name", "kind", "description", "origin_school", "origin_people", "focus_areas",
                  "grade_band", "design_element", "links", "team", "school", "network", "visibility", "author",
                  "source", "synthetic", "created", "updated"]
        read_only_fields = ["visibility", "author", "created", "updated"]


class PracticeViewSet(PublishActionMixin, ScopedViewSet):
    queryset = m.Practice.objects.prefetch_related("origin_people", "focus_areas").order_by("name")
    serializer_class = PracticeSerializer
    filterset_class = PracticeFilter


VIEWSETS = {
    "practices": PracticeViewSet,
    "practice-versions": viewset_for(m.Version, S(m.Version, ["practice", "number", "parent", "what_changed", "why",
                                                              "by", "school", "date"]), fields=["practice"]),
    "practice-evidence": viewset_for(m.PracticeEvidence, S(m.PracticeEvidence, [
        "practice", "kind", "nature", "basis", "description", "school", "date"]), fields=["practice", "kind"]),
    "adoptions": viewset_for(m.Adoption, S(m.Adoption, [
        "practice", "version", "school", "from_school", "through", "meeting", "date", "by", "adapted_as", "status",
        "status_date", "abandoned_reason", "note", "source", "synthetic"]),
        fields=["practice", "school", "from_school", "status"]),
    "share-outs": viewset_for(m.ShareOut, S(m.ShareOut, [
        "district", "school", "practice", "meeting", "date", "summary", "evidence", "challenges", "successes",
        "source", "synthetic"]), fields=["district", "school", "practice"]),
    "conventions": viewset_for(m.Convention, S(m.Convention, [
        "district", "title", "level", "school", "date", "description", "practices", "meetings", "cycles", "source",
        "synthetic"]), fields=["district", "level", "school"], prefetch=["practices", "meetings", "cycles"]),
}

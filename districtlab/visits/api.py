"""JSON API for meetings and visits: the same scopes and rules as the pages."""
from districtlab.api.base import AuthoredSerializer, PublishActionMixin, ScopedSerializer, ScopedViewSet
from districtlab.org.api import serializer_for as S
from districtlab.org.api import viewset_for

from . import models as m
from .summary import summary_for

PART = ("meeting",)


class ObservationSerializer(AuthoredSerializer):
    """An observation is its author's private draft until published; it takes its meeting's context."""

    class Meta:
        model = m.Observation
        fields = ["id", "meeting", "where", "text", "district", "network", "school", "team", "visibility", "author",
                  "created", "updated"]
        read_only_fields = ["district", "network", "school", "team", "visibility", "author", "created", "updated"]

    def context_from(self, attrs):
        meeting = attrs.get("meeting") or self.instance.meeting
        return {"district": meeting.district, "network": meeting.network, "school": meeting.host,
                "team": meeting.team}


class ObservationViewSet(PublishActionMixin, ScopedViewSet):
    queryset = m.Observation.objects.order_by("pk")
    serializer_class = ObservationSerializer
    filterset_fields = ["meeting", "visibility"]


class MeetingSerializer(ScopedSerializer):
    """A meeting, its summary as the viewer may read it (everyone by pseudonym for researchers)."""

    class Meta:
        model = m.Meeting
        fields = ["id", "district", "school_year", "kind", "title", "date", "starts_at", "length", "status", "network",
                  "team", "host", "location", "lens", "notes", "summary", "summary_sent_at", "source", "synthetic"]
        read_only_fields = ["summary", "summary_sent_at"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["summary"] = summary_for(self.actor, instance)
        return data


VIEWSETS = {
    "meetings": viewset_for(m.Meeting, MeetingSerializer,
        fields=["district", "school_year", "kind", "status", "network", "team", "host"], search=["title", "lens"],
        ordering=("date", "pk")),
    "attendance": viewset_for(m.Attendance, S(m.Attendance, [*PART, "person", "school", "role", "leader", "invited",
                                                             "attended"]), fields=["meeting", "person", "attended"]),
    "agenda-items": viewset_for(m.AgendaItem, S(m.AgendaItem, [*PART, "position", "title", "minutes", "protocol",
                                                               "notes"]), fields=["meeting"],
                                ordering=("meeting", "position")),
    "observations": ObservationViewSet,
    "feedback": viewset_for(m.Feedback, S(m.Feedback, [*PART, "kind", "category", "text", "to_school",
                                                       "from_school"]), fields=["meeting", "kind", "category"]),
    # documented as "FeedbackQuestion": "FeedbackRequest" is already the name of Feedback's request body
    "feedback-requests": viewset_for(m.FeedbackRequest, S(m.FeedbackRequest, [*PART, "school", "question"],
                                                          ref_name="FeedbackQuestion"),
                                     fields=["meeting", "school"]),
    "next-steps": viewset_for(m.NextStep, S(m.NextStep, [*PART, "text", "owner", "school", "due", "done_on"]),
                              fields=["meeting", "owner", "school"]),
    "norms": viewset_for(m.Norm, S(m.Norm, ["district", "team", "network", "text", "status", "agreed_on", "votes_for",
                                            "votes_against", "meeting", "source"]),
                         fields=["district", "team", "network", "status"]),
    "norm-reviews": viewset_for(m.NormReview, S(m.NormReview, ["norm", "date", "outcome", "note"]), fields=["norm"]),
    "protocols": viewset_for(m.Protocol, S(m.Protocol, ["district", "name", "purpose", "steps", "minutes", "source"]),
                             fields=["district"], search=["name"]),
    "agenda-templates": viewset_for(m.AgendaTemplate, S(m.AgendaTemplate, ["district", "name", "kind"]),
                                    fields=["district", "kind"]),
    "agenda-template-items": viewset_for(m.AgendaTemplateItem, S(m.AgendaTemplateItem, [
        "template", "protocol", "position", "minutes"]), fields=["template"]),
    "feedback-categories": viewset_for(m.FeedbackCategory, S(m.FeedbackCategory, ["district", "name"]),
                                       fields=["district"]),
    "blocked-dates": viewset_for(m.BlockedDate, S(m.BlockedDate, ["district", "school", "start", "end", "reason"]),
                                 fields=["district", "school"]),
}

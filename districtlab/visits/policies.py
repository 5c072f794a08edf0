"""Who may see and change meetings and visits.

A meeting is seen by its participants (its network's schools and facilitator, its team, its host, anyone
invited) and by the district's program staff and researchers; it is run by central office, the network's
facilitator, the host's or team's principal, and (for a team meeting) the team. What is recorded at a
meeting (attendance, agenda, feedback, requests, next steps) belongs to its participants together;
observations are authored and stay on the visibility ladder, so a visitor's private notes are theirs.
Protocols, feedback categories, blocked dates and rules follow the organisation's policy.
"""
from django.db.models import Exists, OuterRef, Q

from districtlab.core import roles as R
from districtlab.core.permissions import LadderPolicy, Policy, moved, register
from districtlab.org.policies import EDITORS, OrgPolicy, SchoolScopedPolicy

from . import models as m


class MeetingPolicy(Policy):
    path = ""  # from the record to its meeting, e.g. "meeting__"

    def meeting(self, obj):
        return obj.meeting if self.path else obj

    def audience_q(self, actor, p):
        invited = m.Attendance.objects.filter(meeting=OuterRef(f"{p}pk"), person_id=actor.person_id)
        program = actor.districts_with(R.ADMIN, R.CENTRAL, R.RESEARCHER)
        return (Q(**{f"{p}district_id__in": program}) | Q(**{f"{p}network_id__in": actor.network_ids})
                | Q(**{f"{p}team_id__in": actor.team_ids}) | Q(**{f"{p}host_id__in": actor.school_ids})
                | Exists(invited))

    def scope(self, actor, qs):
        if actor.superuser:
            return qs
        return qs.filter(self.audience_q(actor, self.path))

    def can_view(self, actor, obj):
        meeting = self.meeting(obj)
        if meeting is None:
            return False
        return actor.superuser or m.Meeting.objects.filter(self.audience_q(actor, ""), pk=meeting.pk).exists()

    def runs(self, actor, meeting) -> bool:
        """Central office, the network's facilitator, the host's or team's principal, a team's members."""
        if actor.superuser or actor.has_role(meeting.district_id, *EDITORS):
            return True
        if meeting.network_id in actor.facilitated_network_ids:
            return True
        if {meeting.host_id, getattr(meeting.team, "school_id", None)} & set(actor.led_school_ids) - {None}:
            return True
        return meeting.kind == m.Meeting.Kind.TEAM_MEETING and meeting.team_id in actor.team_ids

    def takes_part(self, actor, meeting) -> bool:
        return self.runs(actor, meeting) or meeting.network_id in actor.network_ids or (
            meeting.team_id in actor.team_ids)

    def can_create(self, actor, obj):
        if obj is None:  # runs some meeting, or (for what is recorded at one) takes part in some
            local = actor.facilitated_network_ids or actor.led_school_ids or actor.team_ids or (
                self.path and actor.network_ids)
            return actor.superuser or bool(local) or any(actor.has_role(d, *EDITORS) for d in actor.district_ids)
        meeting = self.meeting(obj)
        return meeting is not None and (self.takes_part(actor, meeting) if self.path else self.runs(actor, meeting))

    def can_change(self, actor, obj):
        meeting = self.meeting(obj)
        return self.takes_part(actor, meeting) if self.path else self.runs(actor, meeting)

    can_delete = can_change


MEETINGS = MeetingPolicy()


class MeetingPartPolicy(MeetingPolicy):
    path = "meeting__"

    def meeting(self, obj):
        return getattr(obj, "meeting", None) if obj.meeting_id else None


class ObservationPolicy(LadderPolicy):
    """Observations are their author's until shared; one writes them only at a meeting one can see (for an
    external partner, one they attend). Their team, school and network are the meeting's."""

    places = ()

    def misplaced(self, actor, obj):
        if obj.meeting_id is not None and moved(obj, "meeting") and not MEETINGS.can_view(actor, obj.meeting):
            return {"meeting": "You can only write observations at a meeting you take part in."}
        return {}

    def can_create(self, actor, obj):
        return super().can_create(actor, obj) and (obj is None or obj.meeting_id is not None)


class NormPolicy(OrgPolicy):
    """A team's norms are its members' and its principal's; a network's, its schools' and facilitator's."""

    def local_editor(self, actor, obj):
        if obj.team_id:
            return obj.team_id in actor.team_ids or obj.team.school_id in actor.led_school_ids
        return obj.network_id in actor.network_ids

    def creates_locally(self, actor):
        return bool(actor.team_ids or actor.network_ids)


class NormReviewPolicy(NormPolicy):
    district_path = "norm__district_id"

    def local_editor(self, actor, obj):
        return super().local_editor(actor, obj.norm)


class BlockedDatePolicy(SchoolScopedPolicy):
    """A school's principal blocks its own dates; district holidays are central office's."""

    def local_editor(self, actor, obj):
        return obj.school_id is not None and super().local_editor(actor, obj)


class FeedPolicy(Policy):
    """Calendar feeds are their person's alone."""

    def scope(self, actor, qs):
        return qs.filter(person_id=actor.person_id)

    def can_view(self, actor, obj):
        return actor.person_id is not None and obj.person_id == actor.person_id

    def can_create(self, actor, obj):
        return actor.person_id is not None and (obj is None or obj.person_id == actor.person_id)

    can_change = can_delete = can_view


register(m.Meeting, MEETINGS)
for model in (m.Attendance, m.AgendaItem, m.Feedback, m.FeedbackRequest, m.NextStep):
    register(model, MeetingPartPolicy())
register(m.Observation, ObservationPolicy())
register(m.Norm, NormPolicy())
register(m.NormReview, NormReviewPolicy())
register(m.BlockedDate, BlockedDatePolicy())
register(m.CalendarFeed, FeedPolicy())
for model in (m.Protocol, m.AgendaTemplate, m.FeedbackCategory, m.Rules):
    register(model, OrgPolicy())


class TemplateItemPolicy(OrgPolicy):
    district_path = "template__district_id"


register(m.AgendaTemplateItem, TemplateItemPolicy())

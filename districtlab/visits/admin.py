"""Django admin for meetings and visits; a district admin sets the program's rules here."""
from districtlab.core.admin import register_scoped

from . import models as m

register_scoped([
    (m.Meeting, ["title", "kind", "date", "network", "host", "status"]),
    (m.Attendance, ["meeting", "person", "school", "leader", "attended"]),
    (m.AgendaItem, ["meeting", "position", "title", "minutes"]),
    (m.Observation, ["meeting", "author", "visibility"]),
    (m.Feedback, ["meeting", "kind", "category", "text"]),
    (m.FeedbackRequest, ["meeting", "school", "question"]),
    (m.NextStep, ["meeting", "text", "owner", "due", "done_on"]),
    (m.Norm, ["text", "team", "network", "status", "agreed_on"]),
    (m.NormReview, ["norm", "date", "outcome"]),
    (m.Protocol, ["name", "district", "minutes"]),
    (m.AgendaTemplate, ["name", "district", "kind"]),
    (m.FeedbackCategory, ["name", "district"]),
    (m.BlockedDate, ["reason", "district", "school", "start", "end"]),
    (m.Rules, ["district", "team_meeting_max_gap_days", "leader_at_site_visits", "studio_sessions_per_year"]),
])

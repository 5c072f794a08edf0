"""Forms for meetings and visits; every choice is limited to what the actor may see."""
import datetime as dt

from django import forms

from districtlab.core.choosers import Chooser
from districtlab.org.forms import ScopedModelForm, chosen_ids, offer, people_at
from districtlab.org.models import Network

from . import models as m

DATE = forms.DateInput(attrs={"type": "date"})
TIME = forms.TimeInput(attrs={"type": "time"})
TEXT = forms.Textarea(attrs={"rows": 3})

# Meetings chosen by title or id, each suggested with its date and its network or team ("Team meeting" is many).
MEETINGS = Chooser("meeting", m.Meeting.objects.order_by("-date", "title"), label="title", select=("network", "team"),
                   hint=lambda v: ", ".join([f"{v.date:%b %-d, %Y}", *(p.name for p in (v.network, v.team) if p)]))


def meeting_schools(meetings) -> list:
    """The schools of ``meetings`` (ids): their hosts, their networks' schools and their teams' schools."""
    found = m.Meeting.objects.filter(pk__in=meetings)
    return [*found.values_list("host_id", flat=True), *found.values_list("team__school_id", flat=True),
            *found.values_list("network__memberships__school_id", flat=True)]


class MeetingForm(ScopedModelForm):
    typed = ("network", "team", "host")

    class Meta:
        model = m.Meeting
        fields = ["district", "school_year", "kind", "title", "date", "starts_at", "length", "status", "network",
                  "team", "host", "location", "lens", "notes"]
        widgets = {"date": DATE, "starts_at": TIME, "lens": TEXT, "notes": TEXT}


class PartForm(ScopedModelForm):
    """Something recorded at a meeting; the meeting comes from the page it was added on (``?meeting=``) or is chosen
    by typing, and so are its schools; the people offered are those of the meeting's schools and the viewer's own."""

    typed = ("meeting", "school", "to_school", "from_school")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in {"person", "owner"} & set(self.fields):
            offer(self, name, people_at([*self.actor.school_ids, *meeting_schools(chosen_ids(self, "meeting"))]))


def part_form(model_, fields_, **widgets_):
    meta = type("Meta", (), {"model": model_, "fields": ["meeting", *fields_], "widgets": widgets_})
    return type(f"{model_.__name__}Form", (PartForm,), {"Meta": meta})


AgendaItemForm = part_form(m.AgendaItem, ["position", "title", "minutes", "protocol", "notes"], notes=TEXT)
FeedbackForm = part_form(m.Feedback, ["kind", "category", "text", "to_school", "from_school"], text=TEXT)
FeedbackRequestForm = part_form(m.FeedbackRequest, ["school", "question"], question=TEXT)
NextStepForm = part_form(m.NextStep, ["text", "owner", "school", "due", "done_on"], text=TEXT, due=DATE,
                         done_on=DATE)
AttendanceForm = part_form(m.Attendance, ["person", "school", "role", "leader", "attended"])


class ObservationForm(ScopedModelForm):
    """A low-inference observation: what was seen and heard. It takes the meeting's network and host."""

    typed = ("meeting",)

    class Meta:
        model = m.Observation
        fields = ["meeting", "where", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}

    def clean(self):
        data = super().clean()
        meeting = data.get("meeting")
        if meeting is not None:
            self.instance.district, self.instance.network = meeting.district, meeting.network
            self.instance.school, self.instance.team = meeting.host, meeting.team
        return data


class NormForm(ScopedModelForm):
    typed = ("team", "network", "meeting")

    class Meta:
        model = m.Norm
        fields = ["district", "team", "network", "text", "status", "agreed_on", "votes_for", "votes_against",
                  "meeting"]
        widgets = {"agreed_on": DATE}


class NormReviewForm(ScopedModelForm):
    class Meta:
        model = m.NormReview
        fields = ["norm", "date", "outcome", "note"]
        widgets = {"date": DATE, "note": TEXT}


class BlockedDateForm(ScopedModelForm):
    typed = ("school",)

    class Meta:
        model = m.BlockedDate
        fields = ["district", "school", "start", "end", "reason"]
        widgets = {"start": DATE, "end": DATE}


class ProtocolForm(ScopedModelForm):
    class Meta:
        model = m.Protocol
        fields = ["district", "name", "purpose", "steps", "minutes", "source"]
        widgets = {"purpose": TEXT, "steps": forms.Textarea(attrs={"rows": 6})}


class AgendaTemplateForm(ScopedModelForm):
    class Meta:
        model = m.AgendaTemplate
        fields = ["district", "name", "kind"]


class AgendaTemplateItemForm(ScopedModelForm):
    class Meta:
        model = m.AgendaTemplateItem
        fields = ["template", "protocol", "position", "minutes"]


class RulesForm(ScopedModelForm):
    class Meta:
        model = m.Rules
        fields = ["district", "check_team_meetings", "team_meeting_max_gap_days", "leader_at_site_visits",
                  "studio_sessions_per_year", "studio_min_participants", "studio_max_participants"]

    def clean(self):
        data = super().clean()
        low, high = data.get("studio_min_participants"), data.get("studio_max_participants")
        if low is not None and high is not None and low > high:
            self.add_error("studio_max_participants", "The most participants cannot be fewer than the fewest.")
        return data


class FeedbackCategoryForm(ScopedModelForm):
    class Meta:
        model = m.FeedbackCategory
        fields = ["district", "name"]


class AgendaFromTemplateForm(forms.Form):
    template = forms.ModelChoiceField(m.AgendaTemplate.objects.none(), label="Start from a template")
    replace = forms.BooleanField(required=False, label="Replace the current agenda")

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = m.AgendaTemplate.objects.filter(district=meeting.district_id)


class PlannerForm(forms.Form):
    """What the year planner proposes: one visit a month from ``first`` to ``last`` on a chosen weekday."""

    WEEKDAYS = [(i, day) for i, day in enumerate(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])]
    first = forms.DateField(widget=DATE, label="First month", help_text="Any day in the first month of visits.")
    last = forms.DateField(widget=DATE, label="Last month")
    weekday = forms.TypedChoiceField(choices=WEEKDAYS, coerce=int, initial=2, label="Visits on")
    length = forms.ChoiceField(choices=m.Meeting.Length.choices[:2], initial=m.Meeting.Length.FULL_DAY)
    host_extra = forms.IntegerField(min_value=0, max_value=6, initial=1, label="Extra visits the host school hosts",
                                    help_text="Every school hosts at least once; the network's host school hosts "
                                              "this many more.")

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        year = network.school_year
        self.fields["first"].initial = dt.date(year.start.year, 10, 1) if year.start.month <= 10 else year.start
        self.fields["last"].initial = dt.date(year.end.year, 5, 1) if year.end.month >= 5 else year.end
        self.year = year

    def clean(self):
        data = super().clean()
        first, last = data.get("first"), data.get("last")
        if first and last:
            if last < first:
                self.add_error("last", "The last month cannot come before the first.")
            for name, value in (("first", first), ("last", last)):
                if not self.year.start <= value <= self.year.end:
                    self.add_error(name, f"Choose a month within {self.year.name} ({self.year.start:%b %Y} to "
                                         f"{self.year.end:%b %Y}).")
        return data

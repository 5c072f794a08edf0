"""The collaborative routines of seeds 000 and 004: team meetings, site visits, studio sessions.

A network plans its year of visits; each meeting has an agenda built from protocol templates, a lens
(guiding question), attendance, low-inference observations (authored, on the visibility ladder),
glow/grow feedback by category, the host's and partners' feedback requests, and next steps followed
through to the next visit. Protocols, feedback categories, blocked dates and the program's rules are
data a district edits.
"""
import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from districtlab.core.history import Tracked
from districtlab.core.visibility import AuthoredRecord


class Meeting(Tracked):
    class Kind(models.TextChoices):
        TEAM_MEETING = "team_meeting", "School-team meeting"
        SITE_VISIT = "site_visit", "Interschool site visit"
        PRINCIPALS = "principals", "Principals' meeting"
        STUDIO = "studio", "Studio session"
        DESIGN_TEAM = "design_team", "Design-team meeting"
        IMPLEMENTATION_TEAM = "implementation_team", "Implementation-team meeting"
        FACILITATORS = "facilitators", "Facilitators' meeting"
        ORIENTATION = "orientation", "Orientation"
        SHARE_FAIR = "share_fair", "Share Fair"
        TRAINING = "training", "Training / professional learning session"
        OTHER = "other", "Other"

    class Length(models.TextChoices):
        FULL_DAY = "full_day", "Full day"
        HALF_DAY = "half_day", "Half day"
        HOURS = "hours", "A few hours"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        HELD = "held", "Held"
        POSTPONED = "postponed", "Postponed"
        CANCELLED = "cancelled", "Cancelled"

    district = models.ForeignKey("org.District", on_delete=models.CASCADE, related_name="meetings")
    school_year = models.ForeignKey("org.SchoolYear", on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    date = models.DateField()
    starts_at = models.TimeField(null=True, blank=True)
    length = models.CharField(max_length=10, choices=Length.choices, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    network = models.ForeignKey("org.Network", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="meetings")
    team = models.ForeignKey("org.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings",
                             help_text="For a team's own meeting.")
    host = models.ForeignKey("org.School", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="hosted_meetings", help_text="The school that hosts (site visits, studio).")
    location = models.CharField(max_length=200, blank=True)
    lens = models.TextField(blank=True, verbose_name="lens / guiding question")
    notes = models.TextField(blank=True, help_text="Logistics and what changed, e.g. why it was postponed.")
    summary = models.TextField(blank=True)
    summary_sent_at = models.DateTimeField(null=True, blank=True)
    summary_sent_to = models.TextField(blank=True)
    source = models.CharField(max_length=200, blank=True, help_text="Where the seed documents it (file and lines).")
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["date", "starts_at", "pk"]
        indexes = [models.Index(fields=["date", "id"], name="meeting_date_idx")]  # lists by date, read a page's worth

    def __str__(self):
        return f"{self.title} ({self.date:%b %-d, %Y})"

    def clean(self):
        if self.school_year_id and self.district_id and self.school_year.district_id != self.district_id:
            raise ValidationError({"school_year": "That school year belongs to another district."})
        for name in ("network", "team", "host"):
            related = getattr(self, name)
            if related is not None and self.district_id and related.district_id != self.district_id:
                raise ValidationError({name: f"That {name} belongs to another district."})
        if self.kind == self.Kind.SITE_VISIT and self.network_id is None:
            raise ValidationError({"network": "A site visit is a network's: choose the network."})
        if self.kind == self.Kind.TEAM_MEETING and self.team_id is None:
            raise ValidationError({"team": "A school-team meeting is a team's: choose the team."})

    def get_absolute_url(self):
        return reverse("visits:meeting-detail", args=[self.pk])


class MeetingPart(Tracked):
    """Something recorded at a meeting: it belongs to the meeting and follows its permissions."""

    class Meta:
        abstract = True

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()


class Attendance(MeetingPart):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="attendances")
    school = models.ForeignKey("org.School", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    role = models.CharField(max_length=100, blank=True, help_text='e.g. "principal", "model teacher".')
    leader = models.BooleanField(default=False, help_text="A principal or assistant principal of the school.")
    invited = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["school__name", "person__name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_person")]

    def __str__(self):
        return f"{self.person} at {self.meeting}"


class Protocol(Tracked):
    """A protocol or agenda segment a district uses (norms review, 3-2-1, glow/grow, Consultancy...)."""

    district = models.ForeignKey("org.District", on_delete=models.CASCADE, related_name="protocols")
    name = models.CharField(max_length=100)
    purpose = models.TextField(blank=True)
    steps = models.TextField(blank=True, help_text="One step per line.")
    minutes = models.PositiveIntegerField(default=15)
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="unique_protocol_name")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("visits:protocol-list")


class AgendaTemplate(Tracked):
    """A sequence of protocols with timings, e.g. "Monthly site visit (half day)"."""

    district = models.ForeignKey("org.District", on_delete=models.CASCADE, related_name="agenda_templates")
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=Meeting.Kind.choices)
    protocols = models.ManyToManyField(Protocol, through="AgendaTemplateItem", related_name="+")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("visits:protocol-list")


class AgendaTemplateItem(Tracked):
    template = models.ForeignKey(AgendaTemplate, on_delete=models.CASCADE, related_name="items")
    protocol = models.ForeignKey(Protocol, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField()
    minutes = models.PositiveIntegerField()

    class Meta:
        ordering = ["template", "position"]

    def __str__(self):
        return f"{self.template}: {self.protocol} ({self.minutes} min)"

    def get_absolute_url(self):
        return self.template.get_absolute_url()


class AgendaItem(MeetingPart):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    minutes = models.PositiveIntegerField(default=15)
    protocol = models.ForeignKey(Protocol, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["meeting", "position"]

    def __str__(self):
        return f"{self.title} ({self.minutes} min)"


class Observation(AuthoredRecord):
    """A low-inference observation (what was seen and heard, not judged), tied to the visit's lens.

    Authored and on the ladder: a visitor's notes are theirs until shared.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="observations")
    where = models.CharField(max_length=200, blank=True, help_text='e.g. "Grade 4 ELA, room 210".')
    text = models.TextField(verbose_name="what was seen and heard")

    class Meta:
        ordering = ["created"]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()


class FeedbackCategory(Tracked):
    """A trend category for feedback (SEL, teacher leadership, student leadership...): data a district edits."""

    district = models.ForeignKey("org.District", on_delete=models.CASCADE, related_name="feedback_categories")
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "feedback categories"
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="unique_feedback_category")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("visits:protocol-list")


class Feedback(MeetingPart):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="feedback")
    class Kind(models.TextChoices):
        GLOW = "glow", "Glow (what is working)"
        GROW = "grow", "Grow (what to work on)"

    kind = models.CharField(max_length=5, choices=Kind.choices)
    category = models.ForeignKey(FeedbackCategory, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="feedback")
    text = models.TextField()
    to_school = models.ForeignKey("org.School", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                  help_text="Usually the host.")
    from_school = models.ForeignKey("org.School", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["meeting", "kind", "pk"]
        verbose_name_plural = "feedback"

    def __str__(self):
        return f"{self.get_kind_display().split(' ')[0]}: {self.text[:70]}"


class FeedbackRequest(MeetingPart):
    """What a school asks its visitors to look at or give feedback on (the host's guiding questions)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="feedback_requests")

    school = models.ForeignKey("org.School", on_delete=models.CASCADE, related_name="+")
    question = models.TextField()

    def __str__(self):
        return f"{self.school}: {self.question[:70]}"


class NextStep(MeetingPart):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="next_steps")
    text = models.TextField()
    owner = models.ForeignKey("org.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_steps")
    school = models.ForeignKey("org.School", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    due = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["done_on", "due", "pk"]

    def __str__(self):
        return self.text[:80]


class Norm(Tracked):
    """A team's or network's norm: agreed (the vote recorded) and revisited over time."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        AGREED = "agreed", "Agreed"
        RETIRED = "retired", "Retired"

    district = models.ForeignKey("org.District", on_delete=models.CASCADE, related_name="norms")
    team = models.ForeignKey("org.Team", null=True, blank=True, on_delete=models.CASCADE, related_name="norms")
    network = models.ForeignKey("org.Network", null=True, blank=True, on_delete=models.CASCADE, related_name="norms")
    text = models.CharField(max_length=300)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    agreed_on = models.DateField(null=True, blank=True)
    votes_for = models.PositiveIntegerField(null=True, blank=True)
    votes_against = models.PositiveIntegerField(null=True, blank=True)
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="norms",
                                help_text="Where it was agreed.")
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["status", "text"]

    def __str__(self):
        return self.text

    def clean(self):
        if (self.team_id is None) == (self.network_id is None):
            raise ValidationError("A norm belongs to a team or to a network (one of them).")
        if self.status == self.Status.AGREED and self.agreed_on is None:
            raise ValidationError({"agreed_on": "Say when the norm was agreed."})

    def get_absolute_url(self):
        return reverse("visits:norm-list")


class NormReview(Tracked):
    """A norm revisited: kept, revised or retired, and why."""

    class Outcome(models.TextChoices):
        KEPT = "kept", "Kept"
        REVISED = "revised", "Revised"
        RETIRED = "retired", "Retired"

    norm = models.ForeignKey(Norm, on_delete=models.CASCADE, related_name="reviews")
    date = models.DateField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["norm", "date"]

    def __str__(self):
        return f"{self.norm}: {self.get_outcome_display().lower()} on {self.date}"

    def get_absolute_url(self):
        return reverse("visits:norm-list")


class BlockedDate(Tracked):
    """A day or span no visit may fall on: a district holiday (no school) or a date a school blocks."""

    district = models.ForeignKey("org.District", on_delete=models.CASCADE, related_name="blocked_dates")
    school = models.ForeignKey("org.School", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="blocked_dates", help_text="Leave empty for a district holiday.")
    start = models.DateField()
    end = models.DateField()
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ["start"]

    def __str__(self):
        return f"{self.reason} ({self.start}{'–' + str(self.end) if self.end != self.start else ''})"

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "The end cannot come before the start."})

    def get_absolute_url(self):
        return reverse("visits:blockeddate-list")


class Rules(Tracked):
    """The program's rules a district follows, checked by the compliance view (defaults from the seeds)."""

    district = models.OneToOneField("org.District", on_delete=models.CASCADE, related_name="visit_rules")
    check_team_meetings = models.BooleanField(
        default=True, help_text="Whether school teams are expected to meet regularly (LPP's MOU; not Highline's).")
    team_meeting_max_gap_days = models.PositiveIntegerField(
        default=14, help_text="School teams meet every two weeks, as the program's agreement asks.")
    leader_at_site_visits = models.BooleanField(
        default=True, help_text="A principal or assistant principal of each school attends monthly visits.")
    studio_sessions_per_year = models.PositiveIntegerField(default=6, help_text="The studio model has six half-day sessions a year.")
    studio_min_participants = models.PositiveIntegerField(default=11)
    studio_max_participants = models.PositiveIntegerField(default=15)

    class Meta:
        verbose_name = "program rules"
        verbose_name_plural = "program rules"

    def __str__(self):
        return f"Program rules for {self.district}"

    def get_absolute_url(self):
        return reverse("visits:compliance")


def new_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A person's private calendar address; revoking it makes the old address stop working."""

    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="calendar_feeds")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created = models.DateTimeField(auto_now_add=True)
    revoked = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Calendar feed of {self.person}"

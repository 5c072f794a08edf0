"""The program's annual cycle (issue 14): a call for applications, schools' applications and their review,
designation applications and their approval chain, match proposals, and the agreement (MOU) each school signs.

Seed 004: schools apply each spring as host or partner with the focus areas they want (~3083-3107); central office
reviews, visits candidate hosts and accepts some (62% of applicants in 2016-17, ~1345); hosts and partners are
matched into networks by focus area, grade band and geography; facilitators take 3-4 networks (~174, ~3546);
Model/Master principals are selected by their superintendent with the Chancellor's approval (~2953); schools sign an
MOU (~3163, ~3766); returning schools continue for up to three years, then graduate (~3571).
"""
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from districtlab.core.history import Tracked
from districtlab.core.roles import Designation, PositionKind
from districtlab.org.models import (DesignationRule, District, LearningFocusArea, Network, Person, Position, School,
                                    SchoolYear)


class Call(Tracked):
    """A call for applications: which school year it fills, when it is open, what it offers and asks."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="calls")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="calls",
                                    help_text="The school year the networks formed from this call work in.")
    title = models.CharField(max_length=200, help_text='e.g. "Learning Partners Program 2017-18".')
    opens = models.DateField()
    closes = models.DateField(help_text="Applications are accepted until the end of this day.")
    offers_host = models.BooleanField("schools may apply as host", default=True)
    offers_partner = models.BooleanField("schools may apply as partner", default=True)
    focus_areas = models.ManyToManyField(LearningFocusArea, related_name="calls",
                                         help_text="The learning focus areas schools may rank.")
    questions = models.TextField(blank=True, help_text="One question per line; every applicant answers each.")
    introduction = models.TextField(blank=True, help_text="What principals read before they apply.")
    partners_min = models.PositiveSmallIntegerField("fewest partners per network", default=2)
    partners_max = models.PositiveSmallIntegerField("most partners per network", default=3)
    weight_lfa = models.PositiveSmallIntegerField("weight of a shared focus area", default=10)
    weight_grade = models.PositiveSmallIntegerField("weight of the same grade band", default=3)
    weight_borough = models.PositiveSmallIntegerField("weight of the same borough", default=1)
    years_before_graduation = models.PositiveSmallIntegerField(
        default=3, help_text="A school takes part this many years, then graduates from the program.")
    networks_per_facilitator = models.PositiveSmallIntegerField(default=4, help_text="Most networks one facilitator supports.")
    schools_per_facilitator = models.PositiveSmallIntegerField(default=10, help_text="Most schools one facilitator supports.")
    agreement = models.TextField("memorandum of understanding", blank=True,
                                 help_text="The text principals and team members sign once their school is placed.")
    synthetic = models.BooleanField(default=False, help_text="Invented to fill a gap in the seeds.")

    class Meta:
        ordering = ["district", "-opens"]
        constraints = [models.UniqueConstraint(fields=["district", "school_year"], name="unique_call_per_year")]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.opens and self.closes and self.closes < self.opens:
            errors["closes"] = "A call cannot close before it opens."
        if self.partners_min is not None and self.partners_max is not None and self.partners_max < self.partners_min:
            errors["partners_max"] = "The most partners per network cannot be fewer than the fewest."
        if not (self.offers_host or self.offers_partner):
            errors["offers_host"] = "Offer at least one role: host or partner."
        if self.school_year_id and self.district_id and self.school_year.district_id != self.district_id:
            errors["school_year"] = "That school year belongs to another district."
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse("matching:call-detail", args=[self.pk])

    @property
    def question_list(self) -> list[str]:
        return [q.strip() for q in self.questions.splitlines() if q.strip()]

    def is_open(self, day) -> bool:
        return self.opens <= day <= self.closes


class Application(Tracked):
    """A school's application to a call, made by its principal: a draft until submitted."""

    class Role(models.TextChoices):
        HOST = "host", "Host"
        PARTNER = "partner", "Partner"
        EITHER = "either", "Host or partner"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Decision(models.TextChoices):
        PENDING = "", "Not decided"
        ACCEPTED = "accepted", "Accepted"
        WAITLISTED = "waitlisted", "Wait-listed"
        DECLINED = "declined", "Declined"

    class Returning(models.TextChoices):
        NEW = "", "New to the program"
        CONTINUE = "continue", "Continuing"
        LEAVE = "leave", "Leaving the program"

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="applications")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                  help_text="Who applied (the principal).")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.EITHER)
    lfa_1 = models.ForeignKey(LearningFocusArea, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name="first choice of focus area")
    lfa_2 = models.ForeignKey(LearningFocusArea, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name="second choice")
    lfa_3 = models.ForeignKey(LearningFocusArea, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name="third choice")
    answers = models.JSONField(default=dict, blank=True, help_text="Each question of the call → the answer.")
    want = models.ManyToManyField(School, blank=True, related_name="+", verbose_name="schools we want to work with")
    avoid = models.ManyToManyField(School, blank=True, related_name="+", verbose_name="schools we would rather not")
    team = models.ManyToManyField(Person, blank=True, related_name="+", verbose_name="proposed school team")
    returning = models.CharField(max_length=10, choices=Returning.choices, blank=True, default="",
                                 help_text="For a school in the program this year: continue or leave.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True, default="")
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    synthetic = models.BooleanField(default=False, help_text="Invented to fill a gap in the seeds.")

    class Meta:
        ordering = ["call", "school__name"]
        constraints = [models.UniqueConstraint(fields=["call", "school"], name="unique_application_per_call")]
        indexes = [models.Index(fields=["call", "status", "decision"], name="application_review_idx")]

    def __str__(self):
        return f"{self.school} — {self.call}"

    def clean(self):
        errors = {}
        if self.call_id and self.school_id and self.call.district_id != self.school.district_id:
            errors["school"] = "That school is in another district."
        chosen = [f for f in (self.lfa_1_id, self.lfa_2_id, self.lfa_3_id) if f]
        if len(chosen) != len(set(chosen)):
            errors["lfa_2"] = "Rank each focus area once."
        if self.lfa_3_id and not self.lfa_2_id:
            errors["lfa_3"] = "Give a second choice before a third."
        if self.lfa_2_id and not self.lfa_1_id:
            errors["lfa_1"] = "Give a first choice before a second."
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse("matching:application-detail", args=[self.pk])

    @property
    def district_id(self):
        return self.call.district_id

    @property
    def focus_areas(self) -> list:
        return [f for f in (self.lfa_1, self.lfa_2, self.lfa_3) if f is not None]


class RubricCriterion(Tracked):
    """One line of the rubric the district scores applications against."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    points = models.PositiveSmallIntegerField("most points", default=4)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["call", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["call", "name"], name="unique_criterion_per_call")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.call.get_absolute_url()

    @property
    def district_id(self):
        return self.call.district_id


class Score(Tracked):
    """A reviewer's score of one application on one criterion."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(RubricCriterion, on_delete=models.CASCADE, related_name="scores")
    reviewer = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    points = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["application", "criterion", "reviewer"]
        constraints = [models.UniqueConstraint(fields=["application", "criterion", "reviewer"],
                                               name="unique_score_per_reviewer")]

    def clean(self):
        if self.criterion_id and self.points is not None and self.points > self.criterion.points:
            raise ValidationError({"points": f"“{self.criterion}” has at most {self.criterion.points} points."})
        if self.criterion_id and self.application_id and self.criterion.call_id != self.application.call_id:
            raise ValidationError({"criterion": "That criterion belongs to another call."})

    def get_absolute_url(self):
        return self.application.get_absolute_url()

    @property
    def district_id(self):
        return self.application.call.district_id


class HostVisit(Tracked):
    """Central office's visit to a school applying to host: what they saw and recommend."""

    class Recommendation(models.TextChoices):
        PENDING = "", "Not yet"
        READY = "ready", "Ready to host"
        NOT_YET = "not_yet", "Not ready to host"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="host_visits")
    visited_on = models.DateField()
    visitors = models.ManyToManyField(Person, blank=True, related_name="+")
    notes = models.TextField(blank=True)
    recommendation = models.CharField(max_length=10, choices=Recommendation.choices, blank=True, default="")

    class Meta:
        ordering = ["application", "visited_on"]

    def get_absolute_url(self):
        return self.application.get_absolute_url()

    @property
    def district_id(self):
        return self.application.call.district_id


class DesignationApplication(Tracked):
    """An application for a Model/Master principal or teacher designation, up an approval chain."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Awaiting approval"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="designation_applications")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="designation_applications")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    designation = models.CharField(max_length=30, choices=[c for c in Designation.choices if c[0]])
    rating = models.CharField(max_length=40, blank=True, help_text="The latest rating, as the applicant gives it.")
    statement = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    synthetic = models.BooleanField(default=False, help_text="Invented to fill a gap in the seeds.")

    class Meta:
        ordering = ["call", "designation", "person__name"]
        constraints = [models.UniqueConstraint(fields=["call", "person", "designation"],
                                               name="unique_designation_application")]

    def __str__(self):
        return f"{self.person} — {self.get_designation_display()}"

    def get_absolute_url(self):
        return reverse("matching:designation-detail", args=[self.pk])

    @property
    def district_id(self):
        return self.call.district_id


class Eligibility(Tracked):
    """Who may hold a designation and who approves it, as data: one per DesignationRule."""

    rule = models.OneToOneField(DesignationRule, on_delete=models.CASCADE, related_name="eligibility_rules")
    min_tenure_years = models.DecimalField("fewest years in post", max_digits=4, decimal_places=1, default=0)
    ratings = models.CharField(max_length=200, blank=True,
                               help_text="Ratings that qualify, separated by commas (empty: any).")
    approvers = models.CharField(
        max_length=200, default=f"{PositionKind.SUPERINTENDENT},{PositionKind.DISTRICT_ADMIN}",
        help_text="Who approves, in order: kinds of position, separated by commas.")

    def __str__(self):
        return f"Eligibility for {self.rule}"

    def get_absolute_url(self):
        return self.rule.get_absolute_url()

    @property
    def district_id(self):
        return self.rule.district_id

    @property
    def chain(self) -> list[str]:
        return [a.strip() for a in self.approvers.split(",") if a.strip()]


class Coverage(Tracked):
    """The schools one approver's position covers, e.g. a superintendent's community school district: a step of a
    designation's approval chain for that kind of position goes to the holders covering the applicant's school, and
    to every holder of the kind in the district when none covers it (seed 004 ~2953: principals are selected by
    *their* superintendent). ``org`` records no superintendency of a school, so the district says it here; central
    office sets it on the designation pages ("Superintendents' schools", ``views/designations.py``)."""

    position = models.OneToOneField(Position, on_delete=models.CASCADE, related_name="coverage")
    name = models.CharField(max_length=200, blank=True, help_text='What the district calls it, e.g. "District 2".')
    schools = models.ManyToManyField(School, blank=True, related_name="+")
    synthetic = models.BooleanField(default=False, help_text="Invented to fill a gap in the seeds.")

    class Meta:
        verbose_name = "superintendent's schools"
        verbose_name_plural = "superintendents' schools"

    def __str__(self):
        return self.name or f"Schools of {self.position}"

    def get_absolute_url(self):
        return reverse("matching:coverage-edit", args=[self.pk])

    @property
    def district_id(self):
        return self.position.district_id


class Approval(Tracked):
    """One step of a designation application's approval chain."""

    application = models.ForeignKey(DesignationApplication, on_delete=models.CASCADE, related_name="approvals")
    step = models.PositiveSmallIntegerField(help_text="0 for the first approver in the chain.")
    approver_kind = models.CharField(max_length=40, choices=PositionKind.choices)
    approver = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    approved = models.BooleanField()
    reason = models.TextField(blank=True)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "step"]
        constraints = [models.UniqueConstraint(fields=["application", "step"], name="unique_approval_step")]

    def get_absolute_url(self):
        return self.application.get_absolute_url()

    @property
    def district_id(self):
        return self.application.call.district_id


class Proposal(Tracked):
    """One run of the matcher over a call's accepted applications, with the director's pins; every one is kept."""

    class Status(models.TextChoices):
        SOLVING = "solving", "Being worked out"
        READY = "ready", "Ready"
        FAILED = "failed", "Could not be formed"
        PUBLISHED = "published", "Published"

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="proposals")
    name = models.CharField(max_length=200)
    created_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                 help_text="The proposal whose pins this one started from.")
    settings = models.JSONField(default=dict, blank=True, help_text="Weights, network sizes and time limit used.")
    pins = models.JSONField(default=dict, blank=True, help_text="School id → host school id it must join.")
    result = models.JSONField(default=dict, blank=True, help_text="Networks, unplaced schools, score and its proof.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SOLVING)
    problem = models.TextField(blank=True, help_text="Why no networks could be formed, in plain words.")
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["call", "-created_at"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("matching:proposal-detail", args=[self.pk])

    @property
    def district_id(self):
        return self.call.district_id


class Placement(Tracked):
    """Where a published proposal put a school: the network of next year it joined (the letter's subject)."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="placement")
    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="placements")
    letter_sent_at = models.DateTimeField(null=True, blank=True)

    def get_absolute_url(self):
        return reverse("matching:placement-detail", args=[self.pk])

    @property
    def district_id(self):
        return self.network.district_id


class Signature(Tracked):
    """A principal's or team member's signature of the call's MOU: who, when, and the exact text signed."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="signatures")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="mou_signatures")
    signed_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField(help_text="The agreement as it read when signed.")

    class Meta:
        ordering = ["placement", "signed_at"]
        constraints = [models.UniqueConstraint(fields=["placement", "person"], name="unique_signature")]

    def get_absolute_url(self):
        return self.placement.get_absolute_url()

    @property
    def district_id(self):
        return self.placement.network.district_id

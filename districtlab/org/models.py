"""The organisation of a district's learning system, in the seeds' words (DESIGN.md, domain map)."""
import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models.functions import Lower
from django.urls import reverse

from districtlab.analysis.reported_values import parse_reported_value
from districtlab.analysis.tenure import tenure_years
from districtlab.core.history import Tracked
from districtlab.core.roles import Designation, PositionKind
from districtlab.core.visibility import AuthoredRecord


SMALLEST_GROUP = 5  # a district's smallest group of respondents a survey result is shown for, unless it sets another
LEAST_GROUP = 3  # never smaller


class District(Tracked):
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40, unique=True, help_text='How people say it, e.g. "NYC DOE".')
    region = models.CharField(max_length=200, blank=True, help_text="State or country.")
    time_zone = models.CharField(max_length=60, default="America/New_York")
    current_school_year = models.ForeignKey(
        "SchoolYear", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Roles and scopes are read from positions and memberships in this year.",
    )
    smallest_group = models.PositiveSmallIntegerField(
        default=SMALLEST_GROUP, verbose_name="smallest group shown",
        help_text=f"No survey result is shown for fewer respondents than this (never under {LEAST_GROUP}); a "
                  f"survey may ask for more.")
    synthetic = models.BooleanField(default=False, help_text="Invented to fill a gap in the seeds.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("org:district-detail", args=[self.pk])

    def clean(self):
        if self.smallest_group is not None and self.smallest_group < LEAST_GROUP:
            raise ValidationError({"smallest_group": f"At least {LEAST_GROUP}: in a smaller group each respondent "
                                                     "could work out what the others answered."})

    def records_until(self, today: dt.date | None = None) -> dt.date:
        """The last day the district's records speak for: today, or the end of its current school year when that
        has passed (a district recorded in the past, as a study tells it)."""
        today = today or dt.date.today()
        year = self.current_school_year
        return min(today, year.end) if year is not None else today


class SchoolYear(Tracked):
    """A school year as schools speak of it ("2016-17")."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="school_years")
    name = models.CharField(max_length=20, help_text='As schools say it, e.g. "2016-17".')
    start = models.DateField()
    end = models.DateField()

    class Meta:
        ordering = ["district", "start"]
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="unique_year_per_district")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": "The year must end after it starts."})

    def get_absolute_url(self):
        return reverse("org:schoolyear-edit", args=[self.pk])

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


class SchoolType(Tracked):
    """A type flag a district gives schools (District 75, International, Transfer...)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="school_types")
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="unique_school_type")]

    def __str__(self):
        return self.name


class School(Tracked):
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="schools")
    name = models.CharField(max_length=200)
    grades = models.CharField(max_length=40, blank=True, help_text='As given, e.g. "PK-02" or "K-6".')
    grade_band = models.CharField(max_length=40, blank=True, help_text="Elementary, middle, high, K-8...")
    region = models.CharField(max_length=80, blank=True, help_text="Borough or region.")
    types = models.ManyToManyField(SchoolType, blank=True, related_name="schools")
    pseudonym = models.BooleanField(default=False, help_text="The seed gives this name as a pseudonym.")
    synthetic = models.BooleanField(default=False, help_text="Invented to fill a gap in the seeds.")

    class Meta:
        ordering = ["district", "name"]
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="unique_school_name")]
        indexes = [models.Index(fields=["district", "region"], name="school_district_region_idx"),  # the filters'
                   models.Index(fields=["district", "grade_band"], name="school_district_band_idx")]  # choices

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("org:school-detail", args=[self.pk])

    def span_in(self, year_name: str | None) -> tuple[str, str]:
        """``(grades, grade_band)`` in the school year named (``SchoolYearFacts``), else the current ones.

        Reads ``year_facts`` as prefetched (with their school years), so a list asks no query per school."""
        if year_name:
            for facts in self.year_facts.all():
                if facts.school_year.name == year_name:
                    return facts.grades, facts.grade_band
        return self.grades, self.grade_band


class Demographic(Tracked):
    """One reported value for a school in a school year, kept exactly as given ("40-60%", ">80%").

    ``number``/``low``/``high`` are derived from ``value`` for sorting and filtering; the text is the record.
    """

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="demographics")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="+")
    measure = models.CharField(max_length=80, help_text='e.g. "% ELL", "Enrollment".')
    value = models.CharField(max_length=40, help_text='As reported: "73", "40-60%", ">80%", "700-1200".')
    number = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True, editable=False)
    low = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True, editable=False)
    high = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True, editable=False)
    source = models.CharField(max_length=200, blank=True, help_text="Where the value comes from.")

    class Meta:
        ordering = ["school", "school_year__start", "measure"]
        constraints = [
            models.UniqueConstraint(fields=["school", "school_year", "measure"], name="unique_demographic")
        ]

    def __str__(self):
        return f"{self.measure}: {self.value}"

    def clean(self):
        try:
            parse_reported_value(self.value or "")
        except ValueError as exc:
            raise ValidationError({"value": str(exc)}) from exc
        if self.school_id and self.school_year_id and self.school.district_id != self.school_year.district_id:
            raise ValidationError({"school_year": "That school year belongs to another district."})

    def derive(self):
        """Set ``number``/``low``/``high`` from ``value`` (``save`` does; a bulk write calls it itself)."""
        parsed = parse_reported_value(self.value)
        self.number, self.low, self.high = parsed.number, parsed.low, parsed.high

    def save(self, *args, **kwargs):
        self.derive()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.school.get_absolute_url()

    @property
    def district_id(self):
        return self.school.district_id


class SchoolYearFacts(Tracked):
    """A school's grade span in one school year, as the sources give it for that year (seed 004, Tables 3-5).

    ``School.grades``/``grade_band`` hold the current value; pages and exports for a year read this record.
    """

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="year_facts")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="+")
    grades = models.CharField(max_length=40, blank=True, help_text='As given that year, e.g. "PK-8".')
    grade_band = models.CharField(max_length=40, blank=True)
    source = models.CharField(max_length=200, blank=True, help_text="Where the values come from.")

    class Meta:
        ordering = ["school", "school_year__start"]
        verbose_name = "school's facts for a year"
        verbose_name_plural = "schools' facts by year"
        constraints = [models.UniqueConstraint(fields=["school", "school_year"], name="unique_school_year_facts")]

    def __str__(self):
        return f"{self.school}, {self.school_year}: grades {self.grades}"

    def clean(self):
        if self.school_id and self.school_year_id and self.school.district_id != self.school_year.district_id:
            raise ValidationError({"school_year": "That school year belongs to another district."})

    def get_absolute_url(self):
        return self.school.get_absolute_url()

    @property
    def district_id(self):
        return self.school.district_id


class Person(Tracked):
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="people")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    pseudonym = models.BooleanField(default=False, help_text="The seed gives this name as a pseudonym.")
    synthetic = models.BooleanField(default=False, help_text="Invented to fill a gap in the seeds.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["district", "name"], name="person_district_name_idx"),  # lists, by name
                   # an import finds the people its rows name by email or name, in any case
                   models.Index(F("district"), Lower("email"), name="person_district_email_idx"),
                   models.Index(F("district"), Lower("name"), name="person_district_lname_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "email"], condition=~models.Q(email=""), name="unique_person_email"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("org:person-detail", args=[self.pk])

    @property
    def research_id(self) -> str:
        """A stable pseudonym for research views: the same person always gets the same one."""
        digest = hmac.new(settings.SECRET_KEY.encode(), f"person:{self.pk}".encode(), hashlib.sha256)
        return f"Participant {digest.hexdigest()[:6].upper()}"

    def tenure_years(self, school=None, as_of: dt.date | None = None) -> float:
        """Years in post, from positions (at ``school`` if given), overlaps counted once, up to ``as_of`` (by
        default, the last day the district's records speak for: an open position runs no further)."""
        positions = [p for p in self.positions.all() if school is None or p.school_id == school.pk]
        return tenure_years([(p.start, p.end) for p in positions], as_of or self.district.records_until())


class Position(Tracked):
    """A role held at a school or in the central office, with start/end; tenure is derived from these."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="positions")
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.CASCADE, related_name="positions")
    kind = models.CharField(max_length=40, choices=PositionKind.choices)
    title = models.CharField(max_length=200, blank=True, help_text='e.g. "Literacy coach", "2nd grade teacher".')
    designation = models.CharField(max_length=30, choices=Designation.choices, blank=True, default="")
    designation_start = models.DateField(null=True, blank=True, help_text="When the designation began "
                                         "(empty: when the position began).")
    designation_end = models.DateField(null=True, blank=True, help_text="When the designation ends "
                                       "(empty: when the position ends).")
    organisation = models.CharField(max_length=200, blank=True, help_text="For external partners: whose staff.")
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["person", "start"]
        indexes = [models.Index(fields=["kind", "person"], name="position_kind_person_idx")]  # e.g. facilitators

    def __str__(self):
        where = self.school or self.organisation or self.district
        return f"{self.get_kind_display()}, {where}"

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "A position cannot end before it starts."})
        if self.school_id and self.district_id and self.school.district_id != self.district_id:
            raise ValidationError({"school": "That school is in another district."})
        if self.person_id and self.district_id and self.person.district_id != self.district_id:
            raise ValidationError({"person": "That person belongs to another district."})
        teacher_designations = {Designation.MODEL_TEACHER, Designation.MASTER_TEACHER}
        principal_designations = {Designation.MODEL_PRINCIPAL, Designation.MASTER_PRINCIPAL}
        if self.designation in teacher_designations and self.kind != PositionKind.TEACHER:
            raise ValidationError({"designation": "Model and Master Teacher are designations of teachers."})
        if self.designation in principal_designations and self.kind != PositionKind.PRINCIPAL:
            raise ValidationError({"designation": "Model and Master Principal are designations of principals."})
        if self.designation:
            self._check_designation_rule()
        elif self.designation_start or self.designation_end:
            raise ValidationError({"designation": "Dates of a designation need the designation."})

    @property
    def designation_span(self):
        """The designation's first and last day (``None``: open), defaulting to the position's own dates."""
        return self.designation_start or self.start, self.designation_end or self.end

    def _check_designation_rule(self):
        """The district's DesignationRule, as data: first year, longest term, and which schools may hold it."""
        start, end = self.designation_span
        label = self.get_designation_display()
        if start and end and end < start:
            raise ValidationError({"designation_end": f"The {label} designation cannot end before it starts."})
        if self.start and start and start < self.start:
            raise ValidationError({"designation_start": f"The {label} designation cannot begin before the "
                                                        f"position ({self.start:%Y-%m-%d})."})
        if not self.district_id:
            return
        rule = (DesignationRule.objects.filter(district_id=self.district_id, designation=self.designation)
                .select_related("first_year").first())
        if rule is None:
            return
        if rule.first_year and (start is None or start < rule.first_year.start):
            raise ValidationError({"designation_start": (
                f"{label} designations began in {rule.first_year.name}: give a designation start on or after "
                f"{rule.first_year.start:%Y-%m-%d}.")})
        if rule.max_term_years and start is None:
            raise ValidationError({"designation_start": (
                f"A {label} designation lasts at most {rule.max_term_years} years: give the day it begins.")})
        if rule.max_term_years:
            last = add_years(start, rule.max_term_years) - dt.timedelta(days=1)
            if end is None or end > last:
                plural = "s" if rule.max_term_years != 1 else ""
                raise ValidationError({"designation_end": (
                    f"A {label} designation lasts at most {rule.max_term_years} year{plural}, then the holder "
                    f"re-applies: give a designation end no later than {last:%Y-%m-%d}.")})
        if rule.host_of:
            kind = Network.Kind(rule.host_of).label
            hosted = set(NetworkMembership.objects.filter(
                school_id=self.school_id, role=NetworkMembership.Role.HOST, network__kind=rule.host_of,
            ).values_list("network__school_year_id", flat=True)) if self.school_id else set()
            years = SchoolYear.objects.filter(district_id=self.district_id).order_by("start")
            if start:
                years = years.filter(end__gte=start)
            if end:
                years = years.filter(start__lte=end)
            missing = [y.name for y in years if y.pk not in hosted]
            if not self.school_id or missing:
                when = f" in {', '.join(missing)}" if self.school_id else ""
                raise ValidationError({"designation": (
                    f"Only schools hosting a network of the kind “{kind}” may have a {label}; "
                    f"{self.school or 'this position'} does not host one{when}.")})

    def get_absolute_url(self):
        return self.person.get_absolute_url()

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return (self.start is None or self.start <= end) and (self.end is None or self.end >= start)


class Team(Tracked):
    class Kind(models.TextChoices):
        SCHOOL_TEAM = "school_team", "School team (LPP team)"
        DESIGN_TEAM = "design_team", "District design team"
        IMPLEMENTATION_TEAM = "implementation_team", "School implementation team"
        COMMUNITY_OF_PRACTICE = "community_of_practice", "Community of practice"
        PLC = "plc", "Professional learning community (PLC)"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="teams")
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.CASCADE, related_name="teams")
    school_year = models.ForeignKey(SchoolYear, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    name = models.CharField(max_length=200)
    meeting_cadence = models.CharField(max_length=100, blank=True, help_text='e.g. "every two weeks".')
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["district", "name"], name="team_district_name_idx")]  # lists, by name

    def __str__(self):
        return self.name

    def clean(self):
        if self.school_id and self.district_id and self.school.district_id != self.district_id:
            raise ValidationError({"school": "That school is in another district."})
        if self.kind in {self.Kind.SCHOOL_TEAM, self.Kind.IMPLEMENTATION_TEAM} and not self.school_id:
            raise ValidationError({"school": "A school team belongs to a school: choose one."})

    def get_absolute_url(self):
        return reverse("org:team-detail", args=[self.pk])


class TeamMembership(Tracked):
    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        LEADER = "leader", "Leader"
        NOTE_TAKER = "note_taker", "Note taker"
        COL_DOCUMENTER = "col_documenter", "CoL documenter"
        FACILITATOR = "facilitator", "Facilitator"

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="team_memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["team", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "person", "role", "start"], name="unique_team_membership")
        ]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()}, {self.team}"

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "A membership cannot end before it starts."})
        if self.team_id and self.person_id and self.team.district_id != self.person.district_id:
            raise ValidationError({"person": "That person belongs to another district."})

    def get_absolute_url(self):
        return self.team.get_absolute_url()

    @property
    def district_id(self):
        return self.team.district_id


class LearningFocusArea(Tracked):
    """A network's learning focus area (LFA), e.g. "Teacher growth & teams"."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="focus_areas")
    name = models.CharField(max_length=200)
    framework_element = models.CharField(
        max_length=200, blank=True, help_text="The Framework for Great Schools element it belongs to, if any."
    )

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="unique_focus_area")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("org:focusarea-list")


class NetworkQuerySet(models.QuerySet):
    def program(self):
        """The program's networks, as it counts them: a cohort's sub-groups work inside their cohort, not beside it."""
        return self.exclude(kind=Network.Kind.SUBGROUP)


class NetworkMembershipQuerySet(models.QuerySet):
    def program(self):
        """Memberships of the program's networks: a school in a sub-group counts once, in its cohort."""
        return self.exclude(network__kind=Network.Kind.SUBGROUP)  # a join, not a list of every network

    def network_of(self, school, year):
        """The program network ``school`` is in during ``year`` (its cohort, not a sub-group), or None."""
        membership = self.program().filter(school=school, network__school_year=year).select_related("network").first()
        return membership.network if membership else None


class Network(Tracked):
    class Kind(models.TextChoices):
        TRIAD = "triad", "Triad"
        QUAD = "quad", "Quad"
        PAIR = "pair", "Pair"
        COHORT = "cohort", "Cohort (LP-plus)"
        SUBGROUP = "subgroup", "Cohort sub-group"
        STUDIO_RESIDENCY = "studio_residency", "Studio/residency pair"
        OTHER = "other", "Other"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="networks")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="networks")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    focus_area = models.ForeignKey(
        LearningFocusArea, null=True, blank=True, on_delete=models.SET_NULL, related_name="networks",
        verbose_name="learning focus area",
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="subgroups",
        help_text="For a sub-group: the cohort it belongs to.",
    )
    facilitators = models.ManyToManyField(Person, blank=True, related_name="facilitated_networks")
    ended_on = models.DateField(null=True, blank=True, help_text="If the network stopped before the year ended.")
    synthetic = models.BooleanField(default=False)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["school_year__start", "name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "school_year", "name"], name="unique_network_name")
        ]

    def __str__(self):
        return f"{self.name} ({self.school_year})"

    def clean(self):
        errors = {}
        if self.school_year_id and self.district_id and self.school_year.district_id != self.district_id:
            errors["school_year"] = "That school year belongs to another district."
        if self.focus_area_id and self.district_id and self.focus_area.district_id != self.district_id:
            errors["focus_area"] = "That focus area belongs to another district."
        if self.parent_id:
            if self.parent_id == self.pk:
                errors["parent"] = "A network cannot be its own sub-group."
            elif self.parent.school_year_id != self.school_year_id:
                errors["parent"] = "A sub-group belongs to a cohort of the same school year."
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse("org:network-detail", args=[self.pk])


class NetworkMembership(Tracked):
    class Role(models.TextChoices):
        HOST = "host", "Host"
        PARTNER = "partner", "Partner"
        STUDIO = "studio", "Studio"
        RESIDENCY = "residency", "Residency"

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="network_memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    returning = models.BooleanField(default=False, help_text="In a network the year before.")
    left_on = models.DateField(null=True, blank=True)

    objects = NetworkMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["network", "role", "school__name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "school"], name="unique_network_school")
        ]
        # new or returning, counted network by network from the index alone (the API's ``returning`` filter)
        indexes = [models.Index(fields=["network", "returning"], name="org_netmember_returning")]

    def __str__(self):
        return f"{self.school} — {self.get_role_display()}, {self.network}"

    def clean(self):
        if self.network_id and self.school_id and self.network.district_id != self.school.district_id:
            raise ValidationError({"school": "That school is in another district."})

    def get_absolute_url(self):
        return self.network.get_absolute_url()

    @property
    def district_id(self):
        return self.network.district_id


class Note(AuthoredRecord):
    """A note kept on a team, school or network: a private draft until its author shares it."""

    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)

    class Meta:
        ordering = ["-updated"]

    def __str__(self):
        return self.title

    def clean(self):
        """A note about a team is about the team's school (pages and the API alike)."""
        if self.team_id and self.team.school_id:
            if self.school_id is None:
                self.school_id = self.team.school_id
            elif self.school_id != self.team.school_id:
                raise ValidationError({"school": "That team belongs to another school."})

    def get_absolute_url(self):
        return reverse("org:note-detail", args=[self.pk])


LIBRARY_HELP = "Empty: from the research literature, shared by every district."


class DataNote(Tracked):
    """A note about the data itself: where sources disagree, which value was kept, and what is missing.

    Mistakes in sources are data: the kept value is the source's own, and the note says so. A note without a
    district is about the research literature and is shared by every district.
    """

    class Kind(models.TextChoices):
        CONFLICT = "conflict", "Sources disagree"
        GAP = "gap", "Not in the source"
        SYNTHETIC = "synthetic", "Filled with synthetic data"
        READING = "reading", "How the source was read"

    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.CASCADE, related_name="data_notes",
                                 help_text=LIBRARY_HELP)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    subject = models.CharField(max_length=200, help_text='What it is about, e.g. "School team size".')
    kept = models.TextField(blank=True, help_text="The value DistrictLab keeps.")
    other = models.TextField(blank=True, help_text="What the other source (or passage) says.")
    note = models.TextField(blank=True)
    sources = models.TextField(help_text='Where, e.g. "seeds/004…txt ~167; ~2135".')

    class Meta:
        ordering = ["district", "subject"]
        constraints = [models.UniqueConstraint(fields=["district", "subject"], name="unique_data_note"),
                       models.UniqueConstraint(fields=["subject"], condition=models.Q(district__isnull=True),
                                               name="unique_library_data_note")]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        if self.district_id is None:
            return reverse("org:research")
        return reverse("org:datanote-list") + f"?district={self.district_id}"


class ReferenceTable(Tracked):
    """Reference data as published: a district's (e.g. demographics of program vs district schools) or, without a
    district, the research literature's (e.g. Leading for Learning's five areas of action), shared by every district.

    Cells are kept as text, exactly as the source prints them.
    """

    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="reference_tables", help_text=LIBRARY_HELP)
    title = models.CharField(max_length=300)
    columns = models.JSONField(default=list)
    rows = models.JSONField(default=list)
    source = models.CharField(max_length=300)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["district", "title"]
        constraints = [models.UniqueConstraint(fields=["district", "title"], name="unique_reference_table"),
                       models.UniqueConstraint(fields=["title"], condition=models.Q(district__isnull=True),
                                               name="unique_library_reference_table")]

    def __str__(self):
        return self.title

    def clean(self):
        if not isinstance(self.columns, list) or not all(isinstance(c, str) for c in self.columns):
            raise ValidationError({"columns": "Columns are a list of names."})
        if not isinstance(self.rows, list) or any(
            not isinstance(r, list) or len(r) != len(self.columns) for r in self.rows
        ):
            raise ValidationError({"rows": f"Every row needs {len(self.columns)} cells, one per column."})

    def get_absolute_url(self):
        return reverse("org:research") if self.district_id is None else self.district.get_absolute_url()


class DesignationRule(Tracked):
    """What a designation means in a district: stipend, term and who may apply (seed 004)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="designation_rules")
    designation = models.CharField(max_length=30, choices=[c for c in Designation.choices if c[0]])
    stipend = models.CharField(max_length=40, blank=True, help_text='As published, e.g. "$7,500".')
    term = models.CharField(max_length=200, blank=True)
    first_year = models.ForeignKey(
        SchoolYear, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The first school year the designation exists; no designation may begin earlier.")
    max_term_years = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name="longest term (years)",
        help_text="A designation lasts at most this many years, then the holder re-applies (empty: no limit).")
    host_of = models.CharField(
        max_length=20, blank=True, choices=Network.Kind.choices, verbose_name="only at hosts of",
        help_text="If set, only schools hosting a network of this kind, every year of the designation, may have it.")
    eligibility = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["district", "designation"]
        constraints = [models.UniqueConstraint(fields=["district", "designation"], name="unique_designation_rule")]

    def __str__(self):
        return f"{self.get_designation_display()} ({self.district.short_name})"

    def clean(self):
        if self.first_year_id and self.district_id and self.first_year.district_id != self.district_id:
            raise ValidationError({"first_year": "That school year belongs to another district."})

    def get_absolute_url(self):
        return self.district.get_absolute_url()


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)

"""Program evaluation: the district asks its participants (seed 004's research office surveyed every Learning
Partners participant; seed 000's Highline collected end-of-year evaluations) and reads what they answer.

A **survey** belongs to a district and a school year, has **sections** of **items** (Likert, choice, number, text,
matrix) and **scales** (named sets of Likert statements, some reverse-coded). It is built as a draft; once opened,
its questions never change under its answers: a change is a new **version** (a copy), and next year's survey is a
copy too, linked to the one it repeats so the two can be compared.

People are **invited** (by role, school, network, new or returning), each with a personal link. A survey is
*anonymous* (nothing links an answer to a person, not even for district admins) or *confidential* (answers are
linked to the person, for paired comparisons, and shown only in aggregate). Answers are therefore not tracked
records: a history entry would name who saved them.
"""
from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from districtlab.core import roles as R
from districtlab.core.history import Tracked
from districtlab.org.models import SMALLEST_GROUP

#: The roles a survey may be sent to, as practitioners say them.
AUDIENCE_ROLES = [(role, R.ROLE_LABELS[role]) for role in
                  (R.PRINCIPAL, R.TEACHER, R.COACH, R.FACILITATOR, R.CENTRAL, R.PARTNER)]


def lines(text: str) -> list[str]:
    """The non-blank lines of ``text``, stripped: a list typed one per line (options, statements)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class Survey(Tracked):
    class Mode(models.TextChoices):
        ANONYMOUS = "anonymous", "Anonymous"
        CONFIDENTIAL = "confidential", "Confidential"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    class Returning(models.TextChoices):
        ANY = "", "New and returning"
        NEW = "new", "New to the program"
        RETURNING = "returning", "Returning"

    district = models.ForeignKey("org.District", on_delete=models.CASCADE, related_name="+")
    school_year = models.ForeignKey("org.SchoolYear", on_delete=models.PROTECT, related_name="+")
    school = models.ForeignKey(
        "org.School", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
        help_text="A school's own survey (of its staff, say): its principal builds it and reads its results.")
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True, help_text="What respondents read first: why you ask, how long it takes.")
    mode = models.CharField(
        max_length=20, choices=Mode.choices, default=Mode.CONFIDENTIAL,
        help_text="Anonymous: nothing links an answer to its respondent, not even for admins. Confidential: answers "
                  "are linked to the respondent (so two years can be compared person by person) and shown only "
                  "in aggregate.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False)
    opens = models.DateField(null=True, blank=True)
    closes = models.DateField(null=True, blank=True)
    minimum_group = models.PositiveSmallIntegerField(
        default=SMALLEST_GROUP, verbose_name="smallest group shown",
        help_text="No result is shown for fewer respondents than this: the district's smallest group or more.")
    audience_roles = models.JSONField(default=list, blank=True, verbose_name="roles",
                                      help_text="Everyone with one of these roles in the school year (none: any role).")
    audience_schools = models.ManyToManyField("org.School", blank=True, related_name="+", verbose_name="schools")
    audience_networks = models.ManyToManyField("org.Network", blank=True, related_name="+", verbose_name="networks")
    audience_returning = models.CharField(max_length=10, choices=Returning.choices, blank=True,
                                          verbose_name="new or returning")
    version = models.PositiveSmallIntegerField(default=1, editable=False)
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="repeats",
                                 help_text="The survey this one repeats (an earlier version or last year's).")
    created_by = models.ForeignKey("org.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    synthetic = models.BooleanField(default=False, help_text="Invented to fill a gap in the seeds.")

    class Meta:
        ordering = ["-school_year__start", "title", "-version"]

    def __str__(self):
        version = f" (version {self.version})" if self.version > 1 else ""
        return f"{self.title}, {self.school_year}{version}"

    def get_absolute_url(self):
        return reverse("evaluation:survey-detail", args=[self.pk])

    @property
    def frozen(self) -> bool:
        """Opened once: its questions never change under its answers."""
        return self.status != self.Status.DRAFT

    @property
    def anonymous(self) -> bool:
        return self.mode == self.Mode.ANONYMOUS

    def questions(self):
        """Its questions, each with its section, in order."""
        return Item.objects.filter(section__survey=self).select_related("section")

    def clean(self):
        errors = {}
        if self.school_year_id and self.district_id and self.school_year.district_id != self.district_id:
            errors["school_year"] = "That school year is another district's."
        if self.school_id and self.district_id and self.school.district_id != self.district_id:
            errors["school"] = "That school is in another district."
        if self.opens and self.closes and self.closes < self.opens:
            errors["closes"] = "A survey closes on or after the day it opens."
        least = self.district.smallest_group if self.district_id else SMALLEST_GROUP
        if self.minimum_group is not None and self.minimum_group < least:
            errors["minimum_group"] = f"At least {least}, the district's smallest group: smaller groups could show " \
                                      "who answered what."
        unknown = set(self.audience_roles or []) - {role for role, _ in AUDIENCE_ROLES}
        if unknown:
            errors["audience_roles"] = f"Not a role: {', '.join(sorted(map(str, unknown)))}."
        if errors:
            raise ValidationError(errors)


class SurveyPart(Tracked):
    """A part of a survey's questions: changed only while the survey is a draft."""

    class Meta:
        abstract = True

    def clean(self):
        survey = self.owning_survey()
        if survey is not None and survey.frozen:
            raise ValidationError("This survey is open: its questions no longer change. Make a new version to "
                                  "change them.")

    def get_absolute_url(self):
        return self.owning_survey().get_absolute_url()


class Section(SurveyPart):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True)

    class Meta:
        ordering = ["survey", "number"]
        constraints = [models.UniqueConstraint(fields=["survey", "number"], name="unique_section_number")]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def owning_survey(self):
        return self.survey if self.survey_id else None


class Item(SurveyPart):
    """A question. Likert and matrix items are answered on the options' scale, lowest first (1, 2, ...); a matrix
    asks each of its statements on that scale."""

    class Kind(models.TextChoices):
        LIKERT = "likert", "Agreement scale (Likert)"
        SINGLE = "single", "One choice"
        MULTIPLE = "multiple", "Several choices"
        NUMBER = "number", "Number"
        SHORT = "short", "Short answer"
        LONG = "long", "Long answer"
        MATRIX = "matrix", "Statements on one scale (matrix)"

    ON_A_SCALE = (Kind.LIKERT, Kind.MATRIX)
    CHOICES = (Kind.LIKERT, Kind.MATRIX, Kind.SINGLE, Kind.MULTIPLE)
    TEXT = (Kind.SHORT, Kind.LONG)

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.LIKERT)
    prompt = models.TextField()
    help = models.CharField(max_length=300, blank=True)
    required = models.BooleanField(default=False)
    options = models.TextField(
        blank=True, help_text="One per line. For a scale, lowest first, e.g. Strongly disagree … Strongly agree.")
    statements = models.TextField(blank=True, help_text="A matrix's statements, one per line.")

    class Meta:
        verbose_name = "question"
        ordering = ["section__number", "number"]
        constraints = [models.UniqueConstraint(fields=["section", "number"], name="unique_item_number")]

    def __str__(self):
        return f"{self.section.number}.{self.number} {self.prompt[:60]}"

    def owning_survey(self):
        return self.section.survey if self.section_id else None

    @property
    def option_list(self) -> list[str]:
        return lines(self.options)

    @property
    def statement_list(self) -> list[str]:
        return lines(self.statements)

    def keys(self) -> list[str]:
        """Where this item's answers are kept in a response: one key, or one per matrix statement."""
        if self.kind == self.Kind.MATRIX:
            return [f"{self.pk}.{row}" for row in range(1, len(self.statement_list) + 1)]
        return [str(self.pk)]

    def clean(self):
        super().clean()
        errors = {}
        if self.kind in self.CHOICES and len(self.option_list) < 2:
            errors["options"] = "Give at least two options, one per line."
        if self.kind == self.Kind.MATRIX and not self.statement_list:
            errors["statements"] = "Give the matrix's statements, one per line."
        if self.kind not in self.CHOICES and self.options.strip():
            errors["options"] = f"A {self.get_kind_display().lower()} question has no options."
        if errors:
            raise ValidationError(errors)


class Scale(SurveyPart):
    """A named set of statements scored together (their mean), some reverse-coded."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="scales")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["survey", "name"]
        constraints = [models.UniqueConstraint(fields=["survey", "name"], name="unique_scale_name")]

    def __str__(self):
        return self.name

    def owning_survey(self):
        return self.survey if self.survey_id else None


class ScaleItem(SurveyPart):
    """A statement in a scale: a Likert item, or one statement (``row``, from 1) of a matrix."""

    scale = models.ForeignKey(Scale, on_delete=models.CASCADE, related_name="members")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+", verbose_name="question")
    row = models.PositiveSmallIntegerField(default=0, verbose_name="statement number",
                                           help_text="For a matrix, which of its statements (1 is the first).")
    reverse = models.BooleanField(default=False, verbose_name="reverse-coded",
                                  help_text="Agreeing means less of what the scale measures.")

    class Meta:
        verbose_name = "scale statement"
        ordering = ["scale", "item__section__number", "item__number", "row"]
        constraints = [models.UniqueConstraint(fields=["scale", "item", "row"], name="unique_scale_member")]

    def __str__(self):
        return f"{self.scale}: {self.label}"

    def owning_survey(self):
        return self.scale.survey if self.scale_id else None

    @property
    def key(self) -> str:
        return f"{self.item_id}.{self.row}" if self.row else str(self.item_id)

    @property
    def label(self) -> str:
        if self.row:
            statements = self.item.statement_list
            return statements[self.row - 1] if self.row <= len(statements) else f"statement {self.row}"
        return self.item.prompt

    def clean(self):
        super().clean()
        if not (self.scale_id and self.item_id):
            return
        item = self.item
        if item.section.survey_id != self.scale.survey_id:
            raise ValidationError({"item": "That question is in another survey."})
        if item.kind == Item.Kind.LIKERT and self.row:
            raise ValidationError({"row": "A single agreement question has no statements to choose from."})
        if item.kind == Item.Kind.MATRIX and not 1 <= self.row <= len(item.statement_list):
            raise ValidationError({"row": f"Choose a statement from 1 to {len(item.statement_list)}."})
        if item.kind not in Item.ON_A_SCALE:
            raise ValidationError({"item": "Only agreement-scale questions and matrix statements make a scale."})


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class Invitation(models.Model):
    """Someone asked to answer a survey, with their personal link. Kept apart from their answers: an anonymous
    survey's response does not say whose it is. Bookkeeping, not an edited record (no history)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="survey_invitations")
    school = models.ForeignKey("org.School", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    role = models.CharField(max_length=30, blank=True)
    sent = models.DateTimeField(null=True, blank=True)
    reminded = models.DateTimeField(null=True, blank=True)
    answered = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "person"], name="unique_invitation")]

    def __str__(self):
        return f"{self.person} to {self.survey}"

    @property
    def token(self) -> str:
        """The personal link's secret: derived from the invitation (so a reminder carries the same link), never
        stored."""
        return hmac.new(settings.SECRET_KEY.encode(), f"survey-invitation:{self.pk}".encode(),
                        hashlib.sha256).hexdigest()[:40]

    def get_absolute_url(self):
        return reverse("evaluation:answer", args=[self.pk, self.token])


class Response(models.Model):
    """One person's answers (``answers``: item key → value). An anonymous survey's response names nobody: while
    it is being answered it is found by a key derived from the personal link (``draft_key``), dropped when it is
    submitted; its descriptors (role, school, network, new or returning) are kept for comparisons shown only
    for groups of the survey's smallest size."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    person = models.ForeignKey("org.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    draft_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    answers = models.JSONField(default=dict)
    role = models.CharField(max_length=30, blank=True)
    school = models.ForeignKey("org.School", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    network = models.ForeignKey("org.Network", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    returning = models.BooleanField(null=True)
    submitted_on = models.DateField(null=True, blank=True)
    synthetic = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "person"], name="one_response_per_person")]
        indexes = [models.Index(fields=["survey", "submitted_on"], name="evaluation_response_done")]

    def __str__(self):
        return f"A response to {self.survey}"

    @property
    def submitted(self) -> bool:
        return self.submitted_on is not None

    def clean(self):
        if self.survey_id and self.survey.anonymous and self.person_id:
            raise ValidationError("An anonymous survey's answers name nobody.")


class Outcome(Tracked):
    """What the program means to achieve (seed 004 ~176-179 names LPP's four), measured by its indicators."""

    district = models.ForeignKey("org.District", on_delete=models.CASCADE, related_name="+")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    source = models.CharField(max_length=200, blank=True, help_text="Where the seed states it (file and lines).")

    class Meta:
        ordering = ["district", "number"]
        constraints = [models.UniqueConstraint(fields=["district", "number"], name="unique_outcome_number")]

    def __str__(self):
        return f"{self.number}. {self.name}"

    def get_absolute_url(self):
        return reverse("evaluation:outcome-detail", args=[self.pk])


class Indicator(Tracked):
    """One way an outcome is measured from what DistrictLab holds, with the year's target."""

    class Measure(models.TextChoices):
        CYCLES = "cycles", "Network schools that completed their Cycles of Learning"
        ADOPTIONS = "adoptions", "Practices adopted by another school"
        VISITS = "visits", "Interschool site visits held"
        SCALE = "scale", "Mean score on a survey scale"
        SCHOOL = "school", "A measure schools report (its mean)"

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="indicators")
    measure = models.CharField(max_length=20, choices=Measure.choices)
    name = models.CharField(max_length=200, blank=True, help_text="How people say it (the measure's words if empty).")
    target = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True,
                                 help_text="For a share of schools, a percentage (80 for 80%).")
    survey_title = models.CharField(max_length=200, blank=True, help_text="For a survey scale: the survey's title "
                                    "(each year's survey of that title counts for its year).")
    scale_name = models.CharField(max_length=200, blank=True)
    school_measure = models.CharField(
        max_length=80, blank=True, help_text="For a measure schools report: its name as in the schools' yearly "
                                             "figures (e.g. “Attendance rate”); ranges are read at their middle.")

    class Meta:
        ordering = ["outcome", "pk"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        if self.measure == self.Measure.SCALE and self.scale_name:
            return f"“{self.scale_name}” on the {self.survey_title or 'survey'}"
        if self.measure == self.Measure.SCHOOL and self.school_measure:
            return f"{self.school_measure}, as schools report it"
        return self.get_measure_display()

    def get_absolute_url(self):
        return self.outcome.get_absolute_url()

    def clean(self):
        if self.measure == self.Measure.SCALE and not (self.survey_title and self.scale_name):
            raise ValidationError({"scale_name": "Name the survey and its scale."})
        if self.measure != self.Measure.SCALE and (self.survey_title or self.scale_name):
            raise ValidationError({"survey_title": "Only a survey scale indicator names a survey."})
        if (self.measure == self.Measure.SCHOOL) != bool(self.school_measure):
            raise ValidationError({"school_measure": "Name the schools' measure (and only for that kind)."})


class SurveyEvidence(Tracked):
    """A survey's results offered as perceptual evidence (seed 001 tells perceptual from outcome evidence) for a
    Cycle of Learning, a practice or a network: shown there to whoever sees it, as the survey's aggregates."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="evidence")
    scale = models.ForeignKey(Scale, null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                              help_text="The scale it speaks to (none: the survey as a whole).")
    cycle = models.ForeignKey("inquiry.Cycle", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                              verbose_name="cycle of learning")
    practice = models.ForeignKey("practices.Practice", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="+")
    network = models.ForeignKey("org.Network", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    note = models.TextField(blank=True, verbose_name="what it shows")
    added_by = models.ForeignKey("org.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    TARGETS = ("cycle", "practice", "network")

    class Meta:
        verbose_name = verbose_name_plural = "survey evidence"
        ordering = ["-created"]

    def __str__(self):
        return f"{self.scale or self.survey} as evidence for {self.target}"

    @property
    def target(self):
        return next((getattr(self, name) for name in self.TARGETS if getattr(self, f"{name}_id")), None)

    def get_absolute_url(self):
        return reverse("evaluation:survey-results", args=[self.survey_id])

    def clean(self):
        chosen = [name for name in self.TARGETS if getattr(self, f"{name}_id")]
        if len(chosen) != 1:
            raise ValidationError("Choose one cycle, practice or network for this evidence.")
        if self.scale_id and self.survey_id and self.scale.survey_id != self.survey_id:
            raise ValidationError({"scale": "That scale is another survey's."})
        target = self.target
        if self.survey_id and target is not None and target.district_id != self.survey.district_id:
            raise ValidationError({chosen[0]: f"That {target._meta.verbose_name} is in another district."})

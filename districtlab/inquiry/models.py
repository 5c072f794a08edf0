"""Cycles of Learning (seed 004 ch. 4-6; seed 001 "small-scale cycles of piloting"; seed 002 "cycle of inquiry").

A school team names an evidence-based **problem of practice** within its network's learning focus area,
sets a **year-long goal**, and runs **cycles**: a smaller goal, change ideas, a prediction, measures with
their data, results, the thinking behind the next step (adopt / adapt / abandon) and lessons shared.
Every record is authored and sits on the visibility ladder: a draft is the author's until shared.
"""
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from districtlab.core.history import Tracked
from districtlab.core.visibility import AuthoredRecord


class ProblemOfPractice(AuthoredRecord):
    """The team's preliminary work for a school year: the problem it will work on, and why."""

    school_year = models.ForeignKey("org.SchoolYear", on_delete=models.PROTECT, related_name="+")
    focus_area = models.ForeignKey("org.LearningFocusArea", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="learning focus area")
    statement = models.TextField(verbose_name="the problem we are trying to solve")
    how_decided = models.TextField(blank=True, verbose_name="how we decided, and with what data")
    lfa_relation = models.TextField(blank=True, verbose_name="how the common focus area relates to our school")
    host_support = models.TextField(blank=True, verbose_name="how the host supports partners")
    team_roles = models.TextField(blank=True, verbose_name="team structures and roles")
    norms = models.TextField(blank=True)

    class Meta:
        ordering = ["-school_year__start", "pk"]
        verbose_name = "problem of practice"
        indexes = [models.Index(fields=["school_year", "school"], name="problem_year_school_idx")]  # a few schools'

    def __str__(self):
        return self.statement[:80]

    def clean(self):
        """The rules for pages and the API alike: a school team's problem, in a school year of its district."""
        if self.team_id is None:
            raise ValidationError({"team": "A problem of practice belongs to a school team: choose one."})
        if self.team.school_id is None:
            raise ValidationError({"team": f"“{self.team}” has no school: a problem of practice belongs to a "
                                           "school team."})
        if self.school_year_id and self.school_year.district_id != self.team.district_id:
            raise ValidationError({"school_year": "That school year belongs to another district."})

    def get_absolute_url(self):
        return reverse("inquiry:problem-detail", args=[self.pk])


class Evidence(Tracked):
    """What the team looked at (DESIGN.md: perceptual vs outcome; data / research / practice-based)."""

    class Kind(models.TextChoices):
        QUALITY_REVIEW = "quality_review", "Quality review"
        TEACHER_RATINGS = "teacher_ratings", "Teacher ratings"
        STUDENT_OUTCOMES = "student_outcomes", "Student outcome data"
        NETWORK_FEEDBACK = "network_feedback", "Network feedback"
        FACILITATOR_FEEDBACK = "facilitator_feedback", "Facilitator feedback"
        SURVEY = "survey", "Survey"
        LESSON_OBSERVATION = "lesson_observation", "Lesson observations"
        STUDENT_WORK = "student_work", "Student work"
        OTHER = "other", "Other"

    class Nature(models.TextChoices):
        PERCEPTUAL = "perceptual", "Perceptual (what people report)"
        OUTCOME = "outcome", "Outcome (what happened)"

    class Basis(models.TextChoices):
        DATA = "data", "Data"
        RESEARCH = "research", "Research"
        PRACTICE = "practice", "Practice-based"

    problem = models.ForeignKey(ProblemOfPractice, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="evidence")
    cycle = models.ForeignKey("Cycle", null=True, blank=True, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    nature = models.CharField(max_length=20, choices=Nature.choices)
    basis = models.CharField(max_length=20, choices=Basis.choices, default=Basis.DATA)
    description = models.TextField()

    class Meta:
        verbose_name_plural = "evidence"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description[:60]}"

    def clean(self):
        if (self.problem_id is None) == (self.cycle_id is None):
            raise ValidationError("Evidence belongs to a problem of practice or to a cycle (one of them).")

    @property
    def record(self):
        return self.problem or self.cycle

    def get_absolute_url(self):
        return self.record.get_absolute_url()


class YearGoal(AuthoredRecord):
    problem = models.ForeignKey(ProblemOfPractice, on_delete=models.CASCADE, related_name="goals")
    statement = models.TextField(verbose_name="our year-long goal")

    class Meta:
        verbose_name = "year-long goal"

    def __str__(self):
        return self.statement[:80]

    def get_absolute_url(self):
        return self.problem.get_absolute_url()


class Cycle(AuthoredRecord):
    """One cycle of learning; teams may run several at once, at their own pace."""

    class Stage(models.TextChoices):
        PLAN = "plan", "Plan"
        IMPLEMENT = "implement", "Implement"
        REFLECT = "reflect", "Reflect and adjust"
        SHARE = "share", "Share lessons"

    class NextStep(models.TextChoices):
        UNDECIDED = "", "Not decided yet"
        ADOPT = "adopt", "Adopt"
        ADAPT = "adapt", "Adapt"
        ABANDON = "abandon", "Abandon"

    goal = models.ForeignKey(YearGoal, on_delete=models.CASCADE, related_name="cycles")
    title = models.CharField(max_length=200)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.PLAN)
    smaller_goal = models.TextField(blank=True, verbose_name="the goal of this cycle")
    prediction = models.TextField(blank=True, verbose_name="what we predict will happen")
    implementation_notes = models.TextField(blank=True)
    results = models.TextField(blank=True)
    next_step = models.CharField(max_length=10, choices=NextStep.choices, blank=True, default="")
    next_step_thinking = models.TextField(blank=True, verbose_name="why adopt, adapt or abandon")
    lessons = models.TextField(blank=True, verbose_name="lessons shared with the school and the network")
    started = models.DateField(null=True, blank=True)
    ended = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["started", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.started and self.ended and self.ended < self.started:
            raise ValidationError({"ended": "A cycle cannot end before it starts."})

    def get_absolute_url(self):
        return reverse("inquiry:cycle-detail", args=[self.pk])


class ChangeIdea(Tracked):
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="change_ideas")
    description = models.TextField()

    def __str__(self):
        return self.description[:80]

    def get_absolute_url(self):
        return self.cycle.get_absolute_url()


class Measure(Tracked):
    """How the team will know a change worked: a named series of data points."""

    class Direction(models.TextChoices):
        UP = "up", "Higher is better"
        DOWN = "down", "Lower is better"
        NONE = "none", "Neither"

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=60, blank=True, help_text='e.g. "% of students", "minutes".')
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.UP)
    data_source = models.CharField(max_length=200, blank=True, help_text='e.g. "exit tickets", "attendance".')
    nature = models.CharField(max_length=20, choices=Evidence.Nature.choices, default=Evidence.Nature.OUTCOME)
    chart = models.CharField(max_length=10, default="run", help_text="run, or a control chart: i, p, u, c...")
    synthetic = models.BooleanField(default=False)

    def __str__(self):
        return self.name

    def clean(self):
        from districtlab.analysis.spc import CHARTS

        if self.chart not in ("run", *CHARTS):
            raise ValidationError({"chart": f'"{self.chart}" is not a chart: use run or one of {", ".join(CHARTS)}.'})

    def get_absolute_url(self):
        return reverse("inquiry:measure-detail", args=[self.pk])


class DataPoint(Tracked):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="points")
    position = models.PositiveIntegerField(help_text="Order on the chart.")
    label = models.CharField(max_length=60, help_text='A date or a label, e.g. "2016-10-14" or "Week 3".')
    value = models.FloatField()
    denominator = models.FloatField(null=True, blank=True)
    part = models.CharField(max_length=100, blank=True, help_text='e.g. "after change idea 2".')

    class Meta:
        ordering = ["measure", "position"]
        constraints = [models.UniqueConstraint(fields=["measure", "position"], name="unique_point_position")]

    def __str__(self):
        return f"{self.label}: {self.value:g}"

    def clean(self):
        """The data rules of pasted and uploaded data (``inquiry.series``), for the API and admin too."""
        from .series import MAX_POINTS, number_problem, too_many

        errors = {}
        for name in ("value", "denominator"):
            value = getattr(self, name)
            problem = number_problem(value) if isinstance(value, float | int) else None
            if problem:
                errors[name] = f"{value} {problem}."
        if self.pk is None and self.measure_id is not None:
            count = self.measure.points.count()
            if count >= MAX_POINTS:
                errors["measure"] = f"This measure is full: {too_many(count + 1)}"
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return self.measure.get_absolute_url()


class CycleExpectation(Tracked):
    """What a district expects of each school team in a year; the progress dashboard checks it."""

    district = models.OneToOneField("org.District", on_delete=models.CASCADE, related_name="cycle_expectation")
    cycles_per_year = models.PositiveIntegerField(
        default=2, help_text="Schools are encouraged to complete at least two cycles each year.")
    first_cycle_weeks = models.PositiveIntegerField(
        default=10, help_text="Weeks into the school year by which a first cycle should be under way.")

    def __str__(self):
        return f"Cycles of Learning expectation for {self.district}"

    def get_absolute_url(self):
        return reverse("inquiry:progress")

    def as_expectation(self):
        from districtlab.analysis.completion import Expectation

        return Expectation(self.cycles_per_year, self.first_cycle_weeks)

"""The practice library: how a practice travels from a classroom to the district (seed 000's Vygotsky Space:
appropriation, transformation, publication, conventionalization; seed 001's "steal ideas ... and then tweak
them"; seed 004's "the answer is in the room").

A practice is authored and starts private or with a team; publishing it up the ladder is an event
(``core.Publication``: who, when, where). Each change is a **version** with its parent; an **adoption** says
which school took which version from whom and how, and what became of it; a **convention** is a school or
district policy or structure that practices, publications and learning produced.
"""
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from districtlab.core.history import Tracked
from districtlab.core.visibility import AuthoredRecord
from districtlab.inquiry.models import Evidence as InquiryEvidence


class Practice(AuthoredRecord):
    class Kind(models.TextChoices):
        TOOL = "tool", "Tool"
        ROUTINE = "routine", "Routine"
        PROTOCOL = "protocol", "Protocol"
        LESSON_STRUCTURE = "lesson_structure", "Lesson structure"
        FORM = "form", "Form"
        CURRICULUM = "curriculum", "Curriculum piece"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField()
    origin_school = models.ForeignKey("org.School", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="originated_practices")
    origin_people = models.ManyToManyField("org.Person", blank=True, related_name="originated_practices")
    focus_areas = models.ManyToManyField("org.LearningFocusArea", blank=True, related_name="practices",
                                         verbose_name="focus areas it serves")
    grade_band = models.CharField(max_length=40, blank=True, help_text="Elementary, middle, high, K-8...")
    design_element = models.CharField(
        max_length=200, blank=True, verbose_name="core element of a shared design",
        help_text='e.g. "Behavioral reflection form": schools\' tools for one element are compared for alignment.')
    links = models.TextField(blank=True, help_text="Where to find it: one link (or document name) per line.")
    source = models.CharField(max_length=200, blank=True, help_text="Where the seed documents it (file and lines).")
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        """A new practice gets its version 1, the original."""
        adding = self._state.adding
        super().save(*args, **kwargs)
        if adding and not self.versions.exists():
            Version.objects.create(practice=self, number=1, what_changed="The original.", by=self.author,
                                   school=self.origin_school, date=self.created.date())

    def get_absolute_url(self):
        return reverse("practices:practice-detail", args=[self.pk])


class PracticePart(Tracked):
    class Meta:
        abstract = True

    def get_absolute_url(self):
        return self.practice.get_absolute_url()


class Version(PracticePart):
    """A version of a practice: what changed, why, by whom, where. Version 1 is the original."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.RESTRICT, related_name="children")
    what_changed = models.TextField(blank=True)
    why = models.TextField(blank=True)
    by = models.ForeignKey("org.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    school = models.ForeignKey("org.School", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["practice", "number"]
        constraints = [models.UniqueConstraint(fields=["practice", "number"], name="unique_version_number")]

    def __str__(self):
        return f"{self.practice} v{self.number}"

    def clean(self):
        if self.parent_id and self.parent.practice_id != self.practice_id:
            raise ValidationError({"parent": "A version's parent is a version of the same practice."})
        if self.number and self.number > 1 and self.parent_id is None:
            raise ValidationError({"parent": "Every version after the first names the version it changed."})
        if self.parent_id and self.number and self.parent.number >= self.number:
            raise ValidationError({"parent": "A version's parent comes before it."})


class PracticeEvidence(PracticePart):
    """What is known about a practice, typed as in DESIGN.md (perceptual vs outcome; data / research / practice)."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=30, choices=InquiryEvidence.Kind.choices)
    nature = models.CharField(max_length=20, choices=InquiryEvidence.Nature.choices)
    basis = models.CharField(max_length=20, choices=InquiryEvidence.Basis.choices, default=InquiryEvidence.Basis.DATA)
    description = models.TextField()
    school = models.ForeignKey("org.School", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    date = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "evidence"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description[:60]}"


class Adoption(PracticePart):
    """School B took practice X (a version of it) from school A: how, when, by whom, and what became of it."""

    class Through(models.TextChoices):
        SITE_VISIT = "site_visit", "A site visit"
        SHARE_OUT = "share_out", "A share-out"
        COACH = "coach", "A coach"
        DOCUMENT = "document", "A document"
        STUDIO = "studio", "A studio session or demonstration"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        TRYING = "trying", "Trying it"
        SCHOOL_WIDE = "school_wide", "In use school-wide"
        ABANDONED = "abandoned", "Abandoned"

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="adoptions")
    version = models.ForeignKey(Version, on_delete=models.RESTRICT, related_name="adoptions",
                                help_text="The version taken.")
    school = models.ForeignKey("org.School", on_delete=models.CASCADE, related_name="adoptions",
                               verbose_name="adopting school")
    from_school = models.ForeignKey("org.School", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name="taken from")
    through = models.CharField(max_length=20, choices=Through.choices)
    meeting = models.ForeignKey("visits.Meeting", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="adoptions", help_text="The visit or session it came through.")
    date = models.DateField()
    by = models.ForeignKey("org.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    adapted_as = models.OneToOneField(Version, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="adoption_made", help_text="Empty when taken as it was.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.TRYING)
    status_date = models.DateField(null=True, blank=True)
    abandoned_reason = models.TextField(blank=True)
    note = models.TextField(blank=True)
    source = models.CharField(max_length=200, blank=True)
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.school} adopted {self.practice}"

    def clean(self):
        if self.version_id and self.practice_id and self.version.practice_id != self.practice_id:
            raise ValidationError({"version": "That version belongs to another practice."})
        if self.adapted_as_id and self.adapted_as.parent_id != self.version_id:
            raise ValidationError({"adapted_as": "An adaptation is a new version whose parent is the version taken."})
        if self.status == self.Status.ABANDONED and not self.abandoned_reason.strip():
            raise ValidationError({"abandoned_reason": "Say why it was abandoned: others will want to know."})
        if self.from_school_id and self.from_school_id == self.school_id:
            raise ValidationError({"from_school": "A school does not adopt from itself."})


class ShareOut(Tracked):
    """A school reporting its work to others (seed 001): what was implemented, and whether it said more."""

    district = models.ForeignKey("org.District", on_delete=models.CASCADE, related_name="share_outs")
    school = models.ForeignKey("org.School", on_delete=models.CASCADE, related_name="share_outs")
    practice = models.ForeignKey(Practice, null=True, blank=True, on_delete=models.SET_NULL, related_name="share_outs")
    meeting = models.ForeignKey("visits.Meeting", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="share_outs")
    date = models.DateField()
    summary = models.TextField()
    evidence = models.BooleanField(default=False, help_text="It reported evidence of what happened.")
    challenges = models.BooleanField(default=False)
    successes = models.BooleanField(default=False)
    source = models.CharField(max_length=200, blank=True)
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.school} shared {self.summary[:60]}"

    def get_absolute_url(self):
        return reverse("practices:flow")


class Convention(Tracked):
    """A school or district policy or structure, and the practices, publications and learning that produced it."""

    class Level(models.TextChoices):
        SCHOOL = "school", "School"
        DISTRICT = "district", "District"

    district = models.ForeignKey("org.District", on_delete=models.CASCADE, related_name="conventions")
    title = models.CharField(max_length=200)
    level = models.CharField(max_length=10, choices=Level.choices)
    school = models.ForeignKey("org.School", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="conventions")
    date = models.DateField()
    description = models.TextField(blank=True)
    practices = models.ManyToManyField(Practice, blank=True, related_name="conventions")
    meetings = models.ManyToManyField("visits.Meeting", blank=True, related_name="conventions",
                                      help_text="Where it was shown or decided (e.g. a demonstration).")
    cycles = models.ManyToManyField("inquiry.Cycle", blank=True, related_name="conventions",
                                    help_text="The learning that produced it.")
    source = models.CharField(max_length=200, blank=True)
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-date", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.level == self.Level.SCHOOL and self.school_id is None:
            raise ValidationError({"school": "A school convention names its school."})
        if self.level == self.Level.DISTRICT and self.school_id is not None:
            raise ValidationError({"school": "A district convention belongs to no single school."})

    def get_absolute_url(self):
        return reverse("practices:convention-list")

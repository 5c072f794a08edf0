"""Records shared by every bounded context: the log of publications up the visibility ladder."""
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from .visibility import Visibility


class Publication(models.Model):
    """An authored record was shared more widely: who, when, from which rung to which, and where."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    from_level = models.CharField(max_length=10, choices=Visibility.choices)
    to_level = models.CharField(max_length=10, choices=Visibility.choices)
    by = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    where = models.CharField(max_length=200, blank=True, help_text='e.g. "presented at the April studio session".')

    class Meta:
        ordering = ["at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.get_from_level_display()} → {self.get_to_level_display()}"

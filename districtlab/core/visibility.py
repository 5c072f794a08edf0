"""The public/private axis made real: the visibility ladder of DESIGN.md.

Every authored record sits on one rung: private (author only) → team → school → network → district.
Publishing raises the rung and is recorded; nothing is ever shown above its rung.
"""
from django.db import models

from .history import Tracked


class Visibility(models.TextChoices):
    PRIVATE = "private", "Private (only me)"
    TEAM = "team", "My team"
    SCHOOL = "school", "My school"
    NETWORK = "network", "My network"
    DISTRICT = "district", "The district"


LADDER = [v.value for v in Visibility]


def rung(level: str) -> int:
    """Position of a visibility level on the ladder (private is 0)."""
    return LADDER.index(level)


class AuthoredRecord(Tracked):
    """An authored record with a place on the ladder and the context that defines its audiences.

    ``team``/``school``/``network`` say who "my team", "my school" and "my network" are for this record.
    """

    district = models.ForeignKey("org.District", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+")
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE)
    team = models.ForeignKey("org.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    school = models.ForeignKey("org.School", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    network = models.ForeignKey(
        "org.Network", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def audience_missing(self, level: str) -> str | None:
        """Why this record cannot be shared at ``level`` (no team/school/network to share with), or None."""
        needs = {Visibility.TEAM: "team", Visibility.SCHOOL: "school", Visibility.NETWORK: "network"}
        field = needs.get(level)
        if field and getattr(self, f"{field}_id") is None:
            return f"Choose a {field} before sharing with your {field}."
        return None

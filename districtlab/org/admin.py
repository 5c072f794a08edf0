"""Django admin for every organisation model (for district admins and developers)."""
from django.contrib import admin

from districtlab.core.admin import RevisionAdmin, RevisionTabularInline, ScopedAdmin
from districtlab.core.models import Publication

from . import models as m


class PositionInline(RevisionTabularInline):
    model = m.Position
    extra = 0
    autocomplete_fields = ["school"]


class MembershipInline(RevisionTabularInline):
    model = m.NetworkMembership
    extra = 0
    autocomplete_fields = ["school"]


class TeamMembershipInline(RevisionTabularInline):
    model = m.TeamMembership
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(m.District)
class DistrictAdmin(RevisionAdmin):
    list_display = ["name", "short_name", "region", "current_school_year", "synthetic"]
    search_fields = ["name", "short_name"]


@admin.register(m.SchoolYear)
class SchoolYearAdmin(RevisionAdmin):
    list_display = ["name", "district", "start", "end"]
    list_filter = ["district"]


@admin.register(m.SchoolType)
class SchoolTypeAdmin(RevisionAdmin):
    list_display = ["name", "district"]
    list_filter = ["district"]


@admin.register(m.School)
class SchoolAdmin(RevisionAdmin):
    list_display = ["name", "district", "grades", "grade_band", "region", "synthetic"]
    list_filter = ["district", "grade_band", "region", "types", "synthetic"]
    search_fields = ["name"]
    filter_horizontal = ["types"]


@admin.register(m.Demographic)
class DemographicAdmin(RevisionAdmin):
    list_display = ["school", "school_year", "measure", "value", "number", "low", "high"]
    list_filter = ["school_year__name", "measure"]
    search_fields = ["school__name", "measure"]
    autocomplete_fields = ["school"]


@admin.register(m.SchoolYearFacts)
class SchoolYearFactsAdmin(RevisionAdmin):
    list_display = ["school", "school_year", "grades", "grade_band"]
    list_filter = ["school_year__name"]
    search_fields = ["school__name"]
    autocomplete_fields = ["school"]


@admin.register(m.Person)
class PersonAdmin(RevisionAdmin):
    list_display = ["name", "district", "email", "user", "synthetic"]
    list_filter = ["district", "positions__kind"]
    search_fields = ["name", "email"]
    inlines = [PositionInline]


@admin.register(m.Position)
class PositionAdmin(RevisionAdmin):
    list_display = ["person", "kind", "school", "designation", "start", "end"]
    list_filter = ["kind", "designation", "district"]
    search_fields = ["person__name", "school__name", "title"]
    autocomplete_fields = ["person", "school"]


@admin.register(m.Team)
class TeamAdmin(RevisionAdmin):
    list_display = ["name", "kind", "school", "school_year"]
    list_filter = ["kind", "district"]
    search_fields = ["name"]
    inlines = [TeamMembershipInline]


@admin.register(m.TeamMembership)
class TeamMembershipAdmin(RevisionAdmin):
    list_display = ["team", "person", "role", "start", "end"]
    list_filter = ["role"]
    autocomplete_fields = ["team", "person"]


@admin.register(m.LearningFocusArea)
class LearningFocusAreaAdmin(RevisionAdmin):
    list_display = ["name", "framework_element", "district"]
    list_filter = ["district"]
    search_fields = ["name"]


@admin.register(m.Network)
class NetworkAdmin(RevisionAdmin):
    list_display = ["name", "kind", "school_year", "focus_area", "ended_on"]
    list_filter = ["kind", "school_year__name", "district"]
    search_fields = ["name"]
    filter_horizontal = ["facilitators"]
    inlines = [MembershipInline]


@admin.register(m.NetworkMembership)
class NetworkMembershipAdmin(RevisionAdmin):
    list_display = ["network", "school", "role", "returning", "left_on"]
    list_filter = ["role", "returning"]
    autocomplete_fields = ["school"]


@admin.register(m.Note)
class NoteAdmin(ScopedAdmin):
    """Even in the admin, nobody sees another person's private draft."""

    list_display = ["title", "author", "visibility", "updated"]
    list_filter = ["visibility"]
    readonly_fields = ["visibility"]


@admin.register(m.DataNote)
class DataNoteAdmin(RevisionAdmin):
    list_display = ["subject", "kind", "district", "kept"]
    list_filter = ["kind", "district"]
    search_fields = ["subject", "kept", "other", "note"]


@admin.register(m.ReferenceTable)
class ReferenceTableAdmin(RevisionAdmin):
    list_display = ["title", "district", "source"]
    list_filter = ["district"]


@admin.register(m.DesignationRule)
class DesignationRuleAdmin(RevisionAdmin):
    list_display = ["designation", "district", "stipend", "term"]
    list_filter = ["district"]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["content_type", "object_id", "from_level", "to_level", "by", "at"]
    readonly_fields = [f.name for f in Publication._meta.fields]

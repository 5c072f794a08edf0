"""Who may do what with the organisation's records. Registered with the one permission layer.

Everyone with a position in a district sees its organisation (schools, people, teams, networks);
district admins and central office staff manage it; principals/APs manage their own school and its
teams; facilitators manage their networks' membership; anyone may correct their own person record;
only district admins delete. Notes follow the visibility ladder. Data notes and reference tables without a
district are the research library: every signed-in person reads them, only superusers write them.
"""
from operator import attrgetter

from django.db.models import Q

from districtlab.core import roles as R
from districtlab.core.permissions import LadderPolicy, Policy, register

from . import models as m

EDITORS = (R.ADMIN, R.CENTRAL)


class OrgPolicy(Policy):
    district_path = "district_id"  # attribute path from the record to its district's id

    def district_id(self, obj):
        try:
            return attrgetter(self.district_path.replace("__", "."))(obj)
        except AttributeError:  # an unsaved record without its parent yet
            return None

    def local_editor(self, actor, obj) -> bool:
        """Does the actor manage this record through their own school or network?"""
        return False

    def creates_locally(self, actor) -> bool:
        """Could the actor create some record of this kind through their own school or network?"""
        return False

    def scope(self, actor, qs):
        return qs if actor.superuser else qs.filter(**{f"{self.district_path}__in": actor.district_ids})

    def can_view(self, actor, obj):
        return actor.in_district(self.district_id(obj))

    def can_create(self, actor, obj):
        if actor.superuser:
            return True
        if obj is None:
            return any(actor.has_role(d, *EDITORS) for d in actor.district_ids) or self.creates_locally(actor)
        if actor.has_role(self.district_id(obj), *EDITORS):
            return True
        return self.creates_locally(actor) and self.local_editor(actor, obj)

    def can_change(self, actor, obj):
        return actor.superuser or actor.has_role(self.district_id(obj), *EDITORS) or self.local_editor(actor, obj)

    def can_delete(self, actor, obj):
        return actor.superuser or actor.has_role(self.district_id(obj), R.ADMIN)


class DistrictPolicy(OrgPolicy):
    district_path = "pk"

    def can_create(self, actor, obj):
        return actor.superuser

    def can_change(self, actor, obj):
        return actor.superuser or actor.has_role(obj.pk, R.ADMIN)

    def can_delete(self, actor, obj):
        return actor.superuser


class SchoolPolicy(OrgPolicy):
    def local_editor(self, actor, obj):
        return obj.pk in actor.led_school_ids


class SchoolScopedPolicy(OrgPolicy):
    """Records of one school (demographics, teams): its principal/AP manages them."""

    school_path = "school_id"

    def local_editor(self, actor, obj):
        return attrgetter(self.school_path.replace("__", "."))(obj) in actor.led_school_ids

    def creates_locally(self, actor):
        return bool(actor.led_school_ids)


class DemographicPolicy(SchoolScopedPolicy):
    district_path = "school__district_id"


class TeamMembershipPolicy(SchoolScopedPolicy):
    district_path = "team__district_id"
    school_path = "team__school_id"

    def local_editor(self, actor, obj):
        return obj.team_id is not None and super().local_editor(actor, obj)


class NetworkPolicy(OrgPolicy):
    def local_editor(self, actor, obj):
        return obj.pk in actor.facilitated_network_ids


class NetworkMembershipPolicy(OrgPolicy):
    district_path = "network__district_id"

    def local_editor(self, actor, obj):
        return obj.network_id in actor.facilitated_network_ids

    def creates_locally(self, actor):
        return bool(actor.facilitated_network_ids)


class PersonPolicy(OrgPolicy):
    def local_editor(self, actor, obj):
        return actor.person_id is not None and obj.pk == actor.person_id


class LibraryPolicy(OrgPolicy):
    """A district's data notes and reference tables, as ``OrgPolicy``; those without a district come from the
    research literature: every signed-in person reads them, and only superusers add, change or remove them."""

    LIBRARY_ONLY = "Only a site administrator adds to the research shared by every district: choose your district."

    def scope(self, actor, qs):
        return qs if actor.superuser else qs.filter(Q(district_id__in=actor.district_ids) | Q(district_id=None))

    def can_view(self, actor, obj):
        return obj.district_id is None or super().can_view(actor, obj)

    def can_create(self, actor, obj):
        if obj is not None and obj.district_id is None:
            return actor.superuser
        return super().can_create(actor, obj)

    def can_change(self, actor, obj):
        return actor.superuser if obj.district_id is None else super().can_change(actor, obj)

    def can_delete(self, actor, obj):
        return actor.superuser if obj.district_id is None else super().can_delete(actor, obj)

    def misplaced(self, actor, obj):
        return {"district": self.LIBRARY_ONLY} if obj.district_id is None and not actor.superuser else {}


register(m.District, DistrictPolicy())
register(m.School, SchoolPolicy())
register(m.Demographic, DemographicPolicy())
register(m.SchoolYearFacts, DemographicPolicy())
register(m.Team, SchoolScopedPolicy())
register(m.TeamMembership, TeamMembershipPolicy())
register(m.Network, NetworkPolicy())
register(m.NetworkMembership, NetworkMembershipPolicy())
register(m.Person, PersonPolicy())
for model in (m.SchoolYear, m.SchoolType, m.Position, m.LearningFocusArea, m.DesignationRule):
    register(model, OrgPolicy())
register(m.DataNote, LibraryPolicy())
register(m.ReferenceTable, LibraryPolicy())
register(m.Note, LadderPolicy())

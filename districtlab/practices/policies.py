"""Who may see and change the practice library.

A practice is on the visibility ladder: its author's until shared, then its team's (who co-edit it), school,
network or district. Its versions and evidence follow it. A school that can see a practice may record its
own adoption of it (and its own adapted version); central office records any. Share-outs and conventions
belong to the organisation, but a share-out about a practice someone cannot see is hidden from them too:
a private practice adds nothing visible to anyone else.
"""
from django.db.models import Q

from districtlab.core.permissions import LadderPolicy, PartPolicy, register
from districtlab.org.policies import EDITORS, OrgPolicy, SchoolScopedPolicy

from . import models as m


class PracticePolicy(LadderPolicy):
    """External partners do not add practices to the library: it holds the schools' practices (a partner is
    named among a practice's people by the school that records it)."""

    team_edits = True

    def can_create(self, actor, obj):
        if obj is None:
            return super().can_create(actor, obj) and any(not actor.is_external(d) for d in actor.district_ids)
        return super().can_create(actor, obj) and not actor.is_external(obj.district_id)


PRACTICES = PracticePolicy()


class AtOwnSchoolPolicy(PartPolicy):
    """Parts a school adds about its own use of a practice it can see (an adoption, an adaptation)."""

    def __init__(self, school_field):
        super().__init__(PRACTICES, "practice")
        self.school_field = school_field

    def own(self, actor, obj):
        district = obj.practice.district_id
        return getattr(obj, f"{self.school_field}_id") in actor.school_ids or actor.has_role(district, *EDITORS)

    def can_create(self, actor, obj):
        if obj is None:
            return actor.person is not None
        practice = self.parent(obj)
        return practice is not None and PRACTICES.can_view(actor, practice) and (
            PRACTICES.can_change(actor, practice) or self.own(actor, obj))

    def misplaced(self, actor, obj):
        if self.parent(obj) is None or self.can_create(actor, obj):
            return {}
        return {self.school_field: "You can only record this for your own school."}

    def can_change(self, actor, obj):
        return PRACTICES.can_change(actor, obj.practice) or self.own(actor, obj)

    can_delete = can_change


class ShareOutPolicy(SchoolScopedPolicy):
    """A school's share-outs: its people record them; hidden with the practice they are about."""

    def scope(self, actor, qs):
        qs = super().scope(actor, qs)
        return qs if actor.superuser else qs.filter(Q(practice=None) | PRACTICES.audience_q(actor, "practice__"))

    def can_view(self, actor, obj):
        return super().can_view(actor, obj) and (obj.practice_id is None or PRACTICES.can_view(actor, obj.practice))

    def local_editor(self, actor, obj):
        return obj.school_id in actor.school_ids

    def creates_locally(self, actor):
        return bool(actor.school_ids)


class ConventionPolicy(OrgPolicy):
    """District conventions are central office's; a school's, its principal's."""

    def local_editor(self, actor, obj):
        return obj.level == m.Convention.Level.SCHOOL and obj.school_id in actor.led_school_ids

    def creates_locally(self, actor):
        return bool(actor.led_school_ids)


register(m.Practice, PRACTICES)
register(m.PracticeEvidence, PartPolicy(PRACTICES, "practice"))
register(m.Version, AtOwnSchoolPolicy("school"))
register(m.Adoption, AtOwnSchoolPolicy("school"))
register(m.ShareOut, ShareOutPolicy())
register(m.Convention, ConventionPolicy())

"""The roles of DESIGN.md and how a position's kind maps to one.

A person's role in a district is derived from their positions in its current school year; the
permission layer never reads a role from anywhere else.
"""
from django.db import models

ADMIN = "district_admin"
CENTRAL = "central_office"
FACILITATOR = "facilitator"
PRINCIPAL = "principal"
TEACHER = "teacher"
COACH = "coach"
PARTNER = "external_partner"
RESEARCHER = "researcher"

#: Highest first: a person's primary role is the first of theirs in this order.
ROLE_ORDER = [ADMIN, CENTRAL, FACILITATOR, PRINCIPAL, COACH, TEACHER, PARTNER, RESEARCHER]
ROLE_LABELS = {
    ADMIN: "District admin",
    CENTRAL: "Central office",
    FACILITATOR: "Facilitator",
    PRINCIPAL: "Principal / AP",
    COACH: "Coach",
    TEACHER: "Teacher",
    PARTNER: "External partner",
    RESEARCHER: "Researcher",
}
#: Roles that see people's contact details.
STAFF_ROLES = frozenset({ADMIN, CENTRAL, FACILITATOR, PRINCIPAL})
# Who follows the program across schools (progress dashboards): counts and stages, not private words.
PROGRAM_ROLES = frozenset({ADMIN, CENTRAL, FACILITATOR, RESEARCHER})


class PositionKind(models.TextChoices):
    """What a position is, in the seeds' words."""

    DISTRICT_ADMIN = "district_admin", "District administrator"
    SUPERINTENDENT = "superintendent", "Superintendent"
    ASSISTANT_SUPERINTENDENT = "assistant_superintendent", "Assistant superintendent"
    ELEMENTARY_DIRECTOR = "elementary_director", "Elementary director"
    PROGRAM_DIRECTOR = "program_director", "Program director"
    DISTRICT_COORDINATOR = "district_coordinator", "District coordinator"
    CENTRAL_OFFICE = "central_office", "Central office staff"
    FACILITATOR = "facilitator", "Facilitator"
    PRINCIPAL = "principal", "Principal"
    ASSISTANT_PRINCIPAL = "assistant_principal", "Assistant principal"
    TEACHER = "teacher", "Teacher"
    COACH = "coach", "Coach"
    EXTERNAL_CONSULTANT = "external_consultant", "External consultant"
    PROGRAM_DEVELOPER = "program_developer", "Program developer"
    EXTERNAL_PARTNER = "external_partner", "External partner staff"
    RESEARCHER = "researcher", "Researcher"


POSITION_ROLE = {
    PositionKind.DISTRICT_ADMIN: ADMIN,
    PositionKind.SUPERINTENDENT: CENTRAL,
    PositionKind.ASSISTANT_SUPERINTENDENT: CENTRAL,
    PositionKind.ELEMENTARY_DIRECTOR: CENTRAL,
    PositionKind.PROGRAM_DIRECTOR: CENTRAL,
    PositionKind.DISTRICT_COORDINATOR: CENTRAL,
    PositionKind.CENTRAL_OFFICE: CENTRAL,
    PositionKind.FACILITATOR: FACILITATOR,
    PositionKind.PRINCIPAL: PRINCIPAL,
    PositionKind.ASSISTANT_PRINCIPAL: PRINCIPAL,
    PositionKind.TEACHER: TEACHER,
    PositionKind.COACH: COACH,
    PositionKind.EXTERNAL_CONSULTANT: PARTNER,
    PositionKind.PROGRAM_DEVELOPER: PARTNER,
    PositionKind.EXTERNAL_PARTNER: PARTNER,
    PositionKind.RESEARCHER: RESEARCHER,
}


class Designation(models.TextChoices):
    """LPP's model/master designations (seed 004)."""

    NONE = "", "—"
    MODEL_TEACHER = "model_teacher", "Model Teacher"
    MASTER_TEACHER = "master_teacher", "Master Teacher"
    MODEL_PRINCIPAL = "model_principal", "Model Principal"
    MASTER_PRINCIPAL = "master_principal", "Master Principal"

"""The research literature's facts (seeds 002 and 003) as reference data every district shares (no district).

Seed 002 is "School Districts as Learning Systems: An Agenda for Practice-based Research" (O'Day, Shambaugh,
Talbert and Wood, 2008); seed 003 is "Leading for Learning: Reflective Tools for School and District Leaders"
(Center for the Study of Teaching & Policy). Each table keeps the seed's own words and cites its lines.
"""
from dataclasses import dataclass

from .. import models as m
from .common import SEED_002, SEED_003, data_notes, reference_table

AGENDA = "From “School Districts as Learning Systems: An Agenda for Practice-based Research” (O'Day, Shambaugh, " \
         "Talbert and Wood, December 2008)."
LEADING = "From “Leading for Learning: Reflective Tools for School and District Leaders” (Center for the Study of " \
          "Teaching & Policy)."


@dataclass(frozen=True)
class LibraryTable:
    """A reference table as a seed gives it: title, columns, rows, the seed and its lines, and a note in words."""

    title: str
    columns: list
    rows: list
    seed: str
    lines: str
    note: str


TABLES = [
    LibraryTable(
        "Districts as learning systems: three problem spaces",
        ["Problem space", "The agenda's question", "Where the agenda takes it up"], [
            ["Evidence-based practice", "How can a district develop a system-wide culture and mechanisms for "
             "evidence-based practice for continuous improvement?",
             "Building Evidence-based Practice in School Systems"],
            ["External partnerships", "How can a district establish and manage external partnerships to promote "
             "system learning?", "Developing and Managing Partnerships for System Learning"],
            ["Leadership churn", "How can a district sustain its learning and improvement efforts amidst the "
             "leadership churn characteristic of large urban systems?",
             "Sustaining System Learning Amidst Leadership Churn"],
        ], SEED_002, "~71, ~77-79, ~183, ~291, ~388",
        f"{AGENDA} The three problem spaces overlap and interact."),
    LibraryTable(
        "Districts as learning systems: what external partners focus on",
        ["Partners' focus", "Examples the agenda gives"], [
            ["Instruction", "Institute for Learning"],
            ["Leveraging data and inquiry", "Scaffolded Apprentice Model; the Consortium on Chicago School Research"],
            ["Central office redesign", "Annenberg Institute for School Reform"],
            ["Resources and expertise according to districts' expressed needs",
             "One external provider we spoke with said the district needed a partner to provide outside staffing for "
             "work that was otherwise internally constrained by resources and time within the district"],
        ], SEED_002, "~305-307",
        f"{AGENDA} Partnerships ostensibly form to meet districts' needs for professional knowledge and "
        "information, technical assistance, and/or evaluation."),
    LibraryTable(
        "Districts as learning systems: three meanings of evidence-based practice",
        ["Meaning", "What it means"], [
            ["Using data to focus and evaluate improvement efforts", "Individual teachers, schools, or districts using "
             "data on student performance to focus improvements in instruction or related policies"],
            ["Implementing research-based programs and practices", "Schools or districts using research on “best "
             "practices” to decide which instructional programs to adopt"],
            ["Using evidence from practice to create new knowledge", "A professional community in a school or central "
             "office using systematic inquiry to assess and improve its practices"],
        ], SEED_002, "~189-195, ~205, ~215, ~229", AGENDA),
    LibraryTable(
        "Districts as learning systems: core premises from research on learning in organizations",
        ["Premise"], [
            ["Knowledge development, sharing, and use in organizations is grounded in practice"],
            ["Learning is inherently social and gives rise to informal and formal communities of practice that both "
             "foster (or inhibit) learning within and across their boundaries"],
            ["Organizational/system effectiveness depends on its ability to promote, manage, and coordinate learning "
             "within and across practice communities"],
        ], SEED_002, "~111", AGENDA),
    LibraryTable(
        "Leading for Learning: five areas of action",
        ["Area of action", "School and district leaders advance powerful and equitable student learning by"], [
            ["Establishing a focus on learning", "Persistently and publicly focusing their own attention and that of "
             "others on learning and teaching"],
            ["Building professional communities that value learning", "Nurturing work cultures that value and support "
             "their members' learning"],
            ["Engaging external environments that matter for learning", "Building relationships and securing resources "
             "from outside groups that can foster students' or teachers' learning"],
            ["Acting strategically and sharing leadership", "Mobilizing effort along multiple “pathways” that lead to "
             "student, professional, or system learning, and by distributing leadership across levels and among "
             "individuals in different positions"],
            ["Creating coherence", "Connecting student, professional, and system learning with one another and with "
             "learning goals"],
        ], SEED_003, "~329-354",
        f"{LEADING} The five areas of action mutually reinforce each other; they are not a linear sequence of steps."),
    LibraryTable(
        "Leading for Learning: three learning agendas",
        ["Learning agenda", "What it is"], [
            ["Student learning", "Students' opportunities for learning reside in the interactions among learners, "
             "teachers, and content."],
            ["Professional learning", "Teachers' learning includes the knowledge, skills, and perspectives they "
             "acquire while preparing for and renewing their practice."],
            ["System learning", "Through inquiry into how a district or school functions and performs, leaders can "
             "support “system learning.” This includes insight into the functioning of the system as a whole to "
             "develop and evaluate new policies, practices, and structures that enhance its performance."],
        ], SEED_003, "~260-297",
        f"{LEADING} Each learning agenda acts as context for the other two."),
    LibraryTable(
        "Leading for Learning: core values and norms about learning",
        ["Core value", "What it holds"], [
            ["Ambitious standards for student learning", "A high level of understanding and skills in critical areas "
             "of learning is essential."],
            ["Belief in human capacity", "Students and professionals can meet ambitious learning standards if they "
             "have effective instruction and support."],
            ["Commitment to equity", "Achievement gaps among students who differ by class, race, ethnicity, and "
             "language must be narrowed and ultimately eliminated."],
            ["Belief in professional support and responsibility", "Teachers and administrators must share "
             "responsibility and hold one another accountable for improving educational quality and equity."],
            ["Commitment to inquiry", "Using evidence to evaluate and change practice is essential to continuous "
             "improvement of teaching and learning."],
        ], SEED_003, "~526-563",
        f"{LEADING} These values become the foundation for improvement efforts."),
    LibraryTable(
        "Leading for Learning: three external environments",
        ["Environment", "What it takes in"], [
            ["Family and community environments", "Include parents, advocacy groups, human service agencies, municipal "
             "bodies, the media, corporate interests, and taxpayers."],
            ["Professional environments", "Subsume the resources and constraints posed by unions, universities, "
             "professional networks and associations, and the local educator labor market."],
            ["Larger policy environments", "Embody state reform policies, federal programs and policies, regulations "
             "and requirements."],
        ], SEED_003, "~743-750",
        f"{LEADING} Effective leaders seek to understand and use these three kinds of environments in developing "
        "strategies for improving teaching and learning."),
]

C = m.DataNote.Kind.CONFLICT
NOTES_002 = [
    (C, "Average tenure of urban superintendents", "two and a half years",
     "2.5-4 years (Datnow et al., 2002)", "~79; ~394",
     "The introduction frames the leadership-churn problem space with one figure; the section on leadership churn "
     "gives a range citing Datnow et al. (2002). The introduction's figure is kept."),
    (C, "The Scaffolded Apprentice Model's name", "Scaffolded Apprentice Model",
     "Scaffolded Apprenticeship Model (SAM)", "~307; ~265",
     "The list of partners' focus names it one way, a footnote on NYC's investment in it the other. The list's "
     "name is kept."),
]


def load(ctx):
    for t in TABLES:
        reference_table(None, t.title, t.columns, t.rows, f"{t.seed} {t.lines}", t.note)
    data_notes(None, SEED_002, NOTES_002)

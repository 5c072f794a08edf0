"""The practice library in the demo: the knowledge flows the seeds document, in their own words.

- The SOAR district (seed 001): Desert Grove's "Think It Out" behavioral reflection form, shared at a session in
  the spring of 2013-14 and adopted by the other two teams by the beginning of the next school year; the three
  schools' own growth-mindset tools, each built from the "8 Strategies to Build Growth Mindset" Renee reviewed,
  and the grade reflection form at Desert Grove and Valley in 2014-15 (the common set they coalesced on); share-outs
  from reporting what was piloted, to evidence of challenges and successes, to data-informed sharing.
- NYC DOE (seed 004): P.S. 12's ten practices for the first 15 minutes of class and the observation tool they became
  (P.S. 12's own: the October 2014 visit to P.S. 10 changed its focus, it did not hand over practices), and the
  restorative-justice triad's student-led circles, from the host to P.S. 21 to P.S. 22.
- Highline (seed 000): Caryn's conferring with a 4x6 notecard per student, shown at the last studio session and
  published at her classroom demonstration about a month later; her book routine stays her private draft; and the
  district conventions of summer 2006 with the studio/residency year that produced them.

Text is quoted from the seeds (line numbers in ``source`` and in the tables). The seeds give no day for any of these
events: days are the demo's, and what is inferred (who adopted, when, through what) is a data note (``NOTES``).
Every practice keeps the seed's versions only: one unless the seed describes a change. Practices are published
to the district with where and when (``core.Publication``); a past year's network rung would reach nobody now.
"""
import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType

from districtlab.core.models import Publication
from districtlab.core.publishing import publish
from districtlab.core.visibility import Visibility as V
from districtlab.core.visibility import rung
from districtlab.inquiry.models import Evidence
from districtlab.org import models as org
from districtlab.org.demo.common import SEED_000, SEED_001, SEED_004, data_notes
from districtlab.visits.models import Meeting

from . import models as m

D = dt.date
E, NATURE, BASIS = Evidence.Kind, Evidence.Nature, Evidence.Basis
PERCEPTUAL, OUTCOME = NATURE.PERCEPTUAL, NATURE.OUTCOME
KIND, THROUGH, STATUS = m.Practice.Kind, m.Adoption.Through, m.Adoption.Status
NYC, HL, SOAR = "NYC DOE", "Highline", "SOAR"
SEEDS = {NYC: SEED_004, HL: SEED_000, SOAR: SEED_001}
FACILITATOR = "facilitator"  # the practice's network's Facilitator in the demo (the passage does not name them)
DG, FG, VALLEY = "Desert Grove High School", "Forest Glen High School", "Valley High School"
OAK, PAIR = "Oak Park Elementary", ("2005-06", "Oak Park studio/residency pair")
BALANCED_LITERACY = "Reading instruction in balanced literacy (readers workshop, conferring)"

# The SOAR design's core elements (seed 001 ~88), as the tool alignment compares them.
BEHAVIOR = "Behavioral reflection form"
GRADES = "Student grade monitoring"
MINDSET = "Teaching students about growth mindset"
# Days: the seeds give none (see the "Days of ..." data notes).
TWO_DAY = D(2013, 8, 6)  # the two-day meeting at the beginning of 2013-14 (~138)
OWN_TOOLS = D(2013, 10, 2)  # the schools' own growth-mindset tools, 2013-14 development (~148, ~166)
EARLY_SHARES = D(2013, 12, 4)  # "Teams initially presented what practices they had piloted" (~174)
PILOT = D(2014, 1, 13)  # Think It Out's pilot, as the inquiry demo's cycle
SPRING = D(2014, 4, 30)  # "one of the sessions in the spring" (~186)
VALLEY_PD = D(2014, 5, 28)  # Valley's PD presented at a district meeting (~200)
NEXT_YEAR = D(2014, 8, 1)  # "By the beginning of the next school year" (~186): the demo's start of 2014-15
GRADE_FORM = D(2014, 9, 8)  # the grade reflection form's cycles in the inquiry demo
DATA_SHARES = D(2015, 1, 21)  # 2014-15 sharing "informed by data" (~192-194)
PS12_TEN = D(2014, 11, 5)  # between the October 2014 visit and the visit first planned at P.S. 12
PS12_VISIT = D(2015, 1, 21)  # the visits demo's first site visit to P.S. 12
CIRCLES = D(2015, 10, 21)  # "at initial site visits" of 2015-16 (~5313-5322)
PS21_VISIT = D(2016, 4, 6)  # P.S. 21's visit ("4/6", ~5650)
CARYN_VIDEO = D(2006, 4, 12)  # the visits demo's last studio session (April 2006)
CARYN_DEMO = D(2006, 5, 10)  # the visits demo's classroom demonstration ("About a month later", ~650)
CARYN_VISIT = D(2006, 3, 22)  # the researcher's classroom visit "later in the spring" (~547)
SUMMER_2006 = D(2006, 8, 1)  # "during the summer (2006)" (~815-817)

PS10_VISIT = "Triad site visit at P.S. 10: the partner teams reflect"
PS12_FIRST_VISIT = "First site visit to P.S. 12: the observation tool of the ten practices"
PS21_SITE_VISIT = "Site visit at P.S. 21: student-led circles and student voice"
LAST_STUDIO = "Last studio session (April 2006): new video, Sheryl coaching Caryn"
DEMONSTRATION = "Caryn's classroom demonstration (May 2006): conferring and independent reading"


@dataclass
class VersionSpec:
    number: int
    date: dt.date
    what_changed: str
    why: str = ""
    school: str = ""  # empty: the practice's origin school
    by: str = ""  # a person's demo key
    parent: int = 1  # the version it changed (versions after the first)


@dataclass
class AdoptionSpec:
    school: str
    version: int  # the version taken
    through: str
    date: dt.date
    note: str
    lines: str
    from_school: str = ""
    meeting: str = ""  # a visits.Meeting title; left empty when the visits demo does not have it
    adapted_as: int | None = None  # the new version's number (its parent is the version taken)
    status: str = STATUS.TRYING


@dataclass
class PracticeSpec:
    district: str
    name: str
    kind: str
    description: str
    author: str  # a person's demo key
    lines: str
    versions: list  # VersionSpec, the first being version 1
    origin_school: str = ""
    origin_people: list = field(default_factory=list)
    team: str = ""
    network: tuple = ()  # (school year, name)
    focus_areas: list = field(default_factory=list)
    design_element: str = ""
    links: str = ""
    evidence: list = field(default_factory=list)  # [(kind, nature, basis, description, school, date)]
    publications: list = field(default_factory=list)  # [(to level, date, where)], by the author
    adoptions: list = field(default_factory=list)


@dataclass
class ShareOutSpec:
    district: str
    school: str
    date: dt.date
    summary: str
    lines: str
    practice: str = ""
    meeting: str = ""
    evidence: bool = False
    challenges: bool = False
    successes: bool = False
    synthetic: bool = False


THINK_IT_OUT = PracticeSpec(
    SOAR, "Think It Out", KIND.FORM, author="soar.jillian", lines="~88, ~182-188", origin_school=DG,
    team="Desert Grove school implementation team", design_element=BEHAVIOR,
    description="The “Think It Out” behavioral reflection form. “This form was adopted as a tool for students to "
                "self-correct their behavior and avoid a formal disciplinary write-up by planning how they would "
                "change their behavior.” It is used with a timeout in class rather than being “sent to the front "
                "office”. The seed does not describe the form's fields or name who made it.",
    versions=[VersionSpec(1, PILOT, "The original: piloted by Desert Grove's school implementation team in the "
                                    "spring of 2013-14.",
                          why="“Activities such as grade monitoring or the behavioral reflection form were seen as "
                              "tools for students to self-monitor their academic progress and behavior, thus giving "
                              "them concrete skills to take greater responsibility over their own learning.”")],
    evidence=[(E.OTHER, PERCEPTUAL, BASIS.DATA,
               "The school implementation team collected feedback from a sample of students, both with and without "
               "disciplinary infractions. Their main finding was that even students who were not getting in trouble "
               "preferred for their classmates to remain in class after the using the timeout for rather than "
               "immediately being sent to the front office. Students who had received infractions from the school "
               "felt similarly.", DG, SPRING),
              (E.OTHER, PERCEPTUAL, BASIS.PRACTICE,
               "In discussing the practice, they clarified how not all teachers had adopted the form but that it "
               "helped create a common language for students and teachers to talk about discipline.", DG, SPRING)],
    publications=[(V.DISTRICT, SPRING, "Shared by Desert Grove's school implementation team at one of the "
                                       "district-wide sessions in the spring of 2013-14")],
    adoptions=[AdoptionSpec(
        school, 1, THROUGH.SHARE_OUT, NEXT_YEAR, from_school=DG, lines="~186",
        note="“Their description of this practice during one of the sessions in the spring elicited much interest "
             "from the other schools. … By the beginning of the next school year, the other two teams had also "
             "adopted this practice.” Taken as it was: the seed does not say whether it was adapted, who introduced "
             "it or how; the share-out as its channel is inferred.") for school in (FG, VALLEY)])

EIGHT_STRATEGIES = PracticeSpec(
    SOAR, "8 Strategies to Build Growth Mindset", KIND.OTHER, author="soar.renee", lines="~136-140, ~148, ~166",
    team="District design team", design_element=MINDSET,
    description="“At its most concrete, teams were given information on strategies on how to build growth mindset. "
                "A researcher, Renee, reviewed “8 Strategies to Build Growth Mindset.” These strategies include "
                "“Create a culture of growth mindsets”, “Encourage and praise effort”, “Teach students about the "
                "importance of exercising their brain muscles” and “Teach improvement strategies.”” The seed quotes "
                "four of the eight and does not say who wrote the handout; “no tools were developed by the design "
                "team”, so each school built its own delivery (versions 2-4).",
    versions=[
        VersionSpec(1, TWO_DAY, "The handout as Renee reviewed it at the two-day meeting that opened 2013-14."),
        VersionSpec(2, OWN_TOOLS, "Desert Grove: the entire second day of school devoted to growth mindsets, with "
                                  "mini-lessons in each course integrated with the school's literacy initiative; "
                                  "articles on growth mindset and problem solving assigned during literacy time.",
                    why="“They felt that teachers in their school would most likely resist implementation if it "
                        "involved intrusions on class time once the year was underway, and they wanted to align SOAR "
                        "with their existing initiative.”", school=DG),
        VersionSpec(3, OWN_TOOLS, "Valley: a lesson on growth mindset co-constructed with each department's "
                                  "professional learning community, delivered during extended homeroom periods.",
                    why="“Given the strong focus on departments at Valley”", school=VALLEY),
        VersionSpec(4, OWN_TOOLS, "Forest Glen: weekly advisory periods, organized with the school's "
                                  "administration, with a curriculum that included lessons on growth mindset, among "
                                  "other topics.",
                    why="A separate SOAR advisory period, “in collaboration with the school's "
                        "administration”", school=FG),
    ],
    publications=[(V.DISTRICT, TWO_DAY, "Reviewed by Renee at the two-day meeting that opened 2013-14, the school "
                                        "teams' first formal opportunity to learn about SOAR")],
    adoptions=[AdoptionSpec(
        school, 1, THROUGH.DOCUMENT, OWN_TOOLS, adapted_as=number, lines="~136, ~148, ~152, ~166",
        note="Each school built its own delivery: “the tools developed by the separate schools were heavily based in "
             "school-specific routines, rather than shared tools of the network”; “different delivery "
             "mechanisms left teams with little they could learn from one another”.")
        for school, number in ((DG, 2), (VALLEY, 3), (FG, 4))])

GRADE_REFLECTION = PracticeSpec(
    SOAR, "Grade reflection and goal-setting form", KIND.FORM, author="soar.jillian", lines="~88, ~192-194",
    origin_school=DG, team="Desert Grove school implementation team", design_element=GRADES,
    description="“Teachers at Desert Grove and Valley implemented a grade reflection and goal-setting form with their "
                "homeroom students, with the goal to increase the number of students on the schools' honor roll.” "
                "One of “a common set of practices, including the grade reflection form and teaching students about "
                "growth mindsets and problem-solving that achieved greater alignment”.",
    versions=[VersionSpec(1, GRADE_FORM, "The original: “the grade reflection process at Desert Grove”, with "
                                         "homeroom students in 2014-15.")],
    evidence=[(E.SURVEY, PERCEPTUAL, BASIS.DATA,
               "Through surveying students and teachers, the implementation team at Desert Grove learned that the "
               "activity had increased students' awareness of their current grades, as well as their goals for what "
               "grade they hoped to earn during the current grading cycle. They found great variation in the action "
               "plans students developed to reach these goals and need to customize the questions for ability and "
               "grade level.", DG, DATA_SHARES),
              (E.SURVEY, PERCEPTUAL, BASIS.DATA,
               "At Valley, the school implementation team looked at exit surveys with students and found students "
               "similarly had difficulty in conceptualizing the action steps to reach their grade goals.", VALLEY,
               DATA_SHARES),
              (E.STUDENT_OUTCOMES, OUTCOME, BASIS.DATA,
               "In addition to looking at this perceptual data, the team also looked at student passing rates. While "
               "they report finding no change in students' overall grades in the grading cycle following this "
               "activity, they observed more students reaching honor roll.", VALLEY, DATA_SHARES)],
    publications=[(V.DISTRICT, DATA_SHARES, "Shared with the survey data at a district-wide meeting in 2014-15")],
    adoptions=[AdoptionSpec(
        VALLEY, 1, THROUGH.OTHER, GRADE_FORM, lines="~192-194",
        note="In parallel with Desert Grove: “When school implementation teams committed to a shared practice—such as "
             "the grade reflection process at Desert Grove—they often implemented it parallel to one another, "
             "without the practice in one school explicitly informing the practice in another school.” No school "
             "is recorded as its source.")])

PS12_PRACTICES = PracticeSpec(
    NYC, "P.S. 12's ten practices for the first 15 minutes of class", KIND.LESSON_STRUCTURE,
    author="nyc.ps12.principal", lines="~5356-5385, ~5877-5919, ~7403-7431", origin_school="P.S. 12",
    origin_people=["nyc.ps12.principal"], team="P.S. 12 LPP team 2014-15", network=("2014-15", "P.S. 10 triad"),
    links="Teach Like a Champion (Lemov, 2010)\nBetter Learning Through Structured Teaching: A Framework for the "
          "Gradual Release of Responsibility (Fisher & Frey, 2013)",
    description="After the October 2014 site visit to the host school, P.S. 10, P.S. 12 turned to “establishing "
                "consistent teacher practices … as opposed to working on the more community-building aspects of "
                "school culture”. Its LPP team “gathered ideas for common practices to implement in the "
                "first 15 minutes of all classes from various sources”: Teach Like a Champion, and the “Gradual "
                "Release of Responsibility” that the Facilitator brought to the table; then, in a whole-group "
                "activity, “[the Facilitator] said, “What are the best practices that we [know] already know work?” "
                "And everybody came up with the same 10.” The seed never lists the ten.",
    versions=[
        VersionSpec(1, PS12_TEN, "The original: the ten practices the team brainstormed and discussed (“let’s talk "
                                 "about what it looks like, let’s talk about when you do each and why”).",
                    why="“We’re seeing massive amounts of time being waste[d] [during instruction]”"),
        VersionSpec(2, PS12_VISIT, "Made into an observation tool that documented what the ten practices are and what "
                                   "makes them strong, for the rest of the triad to complete as they observed "
                                   "classrooms.",
                    why="“Through such discourse, all team members aligned on their understanding of what the ten "
                        "practices were, as well as what makes them strong.”"),
    ],
    evidence=[(E.NETWORK_FEEDBACK, PERCEPTUAL, BASIS.PRACTICE,
               "At the first site visit to P.S. 12, the visitors provided mostly positive feedback, and over time, "
               "helped the partner school identify instructional changes to make that were an extension of what the "
               "school was already doing.", "P.S. 12", PS12_VISIT),
              (E.LESSON_OBSERVATION, PERCEPTUAL, BASIS.DATA,
               "Lesson observations (Appendix C, the evidence of P.S. 12's change: “Implemented school-wide "
               "instructional practices, including common routines for the first 15 minutes of every lesson, checks "
               "for understanding, and the gradual release of responsibility model”)", "P.S. 12", None)],
    publications=[(V.DISTRICT, PS12_VISIT, "Used as the observation tool at the first site visit to P.S. 12: the "
                                           "triad's visitors completed it as they observed classrooms")])

CIRCLES_PRACTICE = PracticeSpec(
    NYC, "Student-led circles", KIND.ROUTINE, author=FACILITATOR, lines="~5313-5322, ~5856-5861, ~5928-5933, "
    "~7596-7599", origin_school="P.S. 20", network=("2015-16", "P.S. 20 triad"),
    description="Restorative justice “circles” (“a discussion format where students and teachers sit in a circle”) "
                "led by students. The triad's partner schools observed them at the host school at initial site "
                "visits; the seed names none of the three schools there (P.S. 20, P.S. 21 and P.S. 22 are read from "
                "the only restorative-justice triad).",
    versions=[
        VersionSpec(1, CIRCLES, "The original, as the partner schools observed it at the host school (when the host "
                                "began it is not stated; it had a “multi-year roll-out of RJ”)."),
        VersionSpec(2, CIRCLES, "P.S. 21: “the circle structure was based on an intensive training provided by a "
                                "CBO, the Morningside Center for Teaching Social Responsibility”, which the "
                                "assistant principal and some of the Model Teachers had attended; Morningside also "
                                "provided training to the student “circle-keepers”.", school="P.S. 21"),
        VersionSpec(3, PS21_VISIT, "P.S. 22: a peer circle-keeper training series (planning began).",
                    why="“The visiting partner school team members asked many questions about how student "
                        "circle-keepers were trained”", school="P.S. 22", parent=2),
    ],
    publications=[(V.DISTRICT, CIRCLES, "Observed by the triad's partner schools at an initial site visit at the "
                                        "host school")],
    adoptions=[
        AdoptionSpec("P.S. 21", 1, THROUGH.SITE_VISIT, CIRCLES, from_school="P.S. 20", adapted_as=2,
                     lines="~5313-5322, ~5856-5861",
                     note="“After observing “circles” … led by students at the host school, one partner school "
                          "decided to focus on establishing student-led circles”; the structure came from Morningside "
                          "Center training. The schools are inferred; the visit is not in the demo."),
        AdoptionSpec("P.S. 22", 2, THROUGH.SITE_VISIT, PS21_VISIT, from_school="P.S. 21", meeting=PS21_SITE_VISIT,
                     adapted_as=3, lines="~5928-5933",
                     note="“As the partner school presented its student-led circles as a mechanism for fostering "
                          "student voice, the other partner school and host school considered adopting some of the "
                          "structures presented. In fact, at that site visit, the visiting partner school team members "
                          "asked many questions about how student circle-keepers were trained, and began planning a "
                          "peer circle-keeper training series at their school.” The seed does not say the series was "
                          "carried out."),
    ])

CARYN_CONFERRING = PracticeSpec(
    HL, "Conferring during independent reading, with a 4x6 notecard per student", KIND.ROUTINE,
    author="highline.caryn", lines="~540-543, ~578-599, ~644-661", origin_school=OAK,
    origin_people=["highline.caryn", "highline.sheryl"], team="Oak Park studio team", network=PAIR,
    focus_areas=[BALANCED_LITERACY],
    description="Individual reading conferences during independent reading, each with a purpose (“Her specific "
                "purpose for the conference was to find out if the student had understood his new book”), every "
                "child in order (“I just go right in order … ‘I think every single kid deserves to be "
                "conferenced.’”), students' sticky notes (“When I conference with you, you can use your sticky notes "
                "to organize your thinking.”), and a record: “As she worked, Caryn kept notes on a clipboard set up "
                "with a 4x6 inch notecard for each student. She paused between student conferences to demonstrate "
                "this record keeping system for the visitors.” Caryn, 2nd grade, with her literacy coach Sheryl at "
                "her side. The seed does not say where the notecard system came from.",
    versions=[VersionSpec(
        1, CARYN_VIDEO, "The original: conferring with intention, as shown on the April 2006 video; the 4x6 notecard "
                        "record was first shown at the May demonstration.", by="highline.caryn",
        why="Learned through the 2005-06 studio/residency sessions: Lea's demonstrations in the fall, her question "
            "about Caryn's intention in January (“I don’t really go in with intention.”), reading The Art of "
            "Teaching Reading with Sheryl, visiting a 3rd-grade colleague, and Sheryl's co-conferring. Asked if these "
            "were new procedures for her, Caryn replied, “All of it.”")],
    evidence=[(E.LESSON_OBSERVATION, PERCEPTUAL, BASIS.DATA,
               "There was evidence by May, however, that Caryn (and Sheryl) had made significant changes in their "
               "reading instruction and coaching practices.", OAK, CARYN_DEMO)],
    publications=[(V.NETWORK, CARYN_VIDEO, "Shown on video at the last studio session (April 2006), Sheryl coaching "
                                           "Caryn in a reading conference"),
                  (V.DISTRICT, CARYN_DEMO, "Shown at the May 2006 classroom demonstration to about 10-12 adults: "
                                           "colleagues and a visiting team from another district")])

CARYN_BOOKS = PracticeSpec(  # her private draft: the demo shows the ladder's lowest rung
    HL, "Book turnover during independent reading", KIND.ROUTINE, author="highline.caryn", lines="~585-590",
    origin_school=OAK, origin_people=["highline.caryn"], team="Oak Park studio team", network=PAIR,
    focus_areas=[BALANCED_LITERACY],
    description="“When they’re done with a book, they write their name on the board, but they can’t interrupt me "
                "during independent reading. Then, they will stay in my room at recess and those kids will check out "
                "a new book. There are all sorts of systems; I don’t have it down perfectly….and I have a clipboard "
                "with their names.”",
    versions=[VersionSpec(1, CARYN_VISIT, "The original, as Caryn described it “at the end of second grade”.",
                          by="highline.caryn")])

PRACTICES = [THINK_IT_OUT, EIGHT_STRATEGIES, GRADE_REFLECTION, PS12_PRACTICES, CIRCLES_PRACTICE, CARYN_CONFERRING,
             CARYN_BOOKS]

PILOTED_ONLY = ("Presented what practices it had piloted, offering little reflection on the outcomes of the practice "
                "(the seed does not say which practices)")
SHARE_OUTS = [
    *[ShareOutSpec(SOAR, school, EARLY_SHARES, PILOTED_ONLY, "~158-174", synthetic=True)
      for school in (DG, FG, VALLEY)],
    ShareOutSpec(SOAR, DG, SPRING, "Desert Grove's piloting of the “Think It Out” behavioral reflection form: their "
                 "experiences in developing the form, how they had evaluated its uptake and utility (feedback from a "
                 "sample of students, with and without disciplinary infractions), and that “not all teachers had "
                 "adopted the form but that it helped create a common language for students and teachers to talk "
                 "about discipline.”", "~174, ~182-186", practice="Think It Out", evidence=True, challenges=True,
                 successes=True),
    ShareOutSpec(SOAR, VALLEY, VALLEY_PD, "Valley's professional development on growth and fixed mindsets: “they "
                 "pulled quotes from a growth mindset book, showed a video on neuroplasticity, and used a handout of "
                 "examples of appropriate praise language”. Jillian asked: “Looking back, would you have preferred to "
                 "have done the PD as a whole group or small groups?” Riley: “Small groups would have been best.”",
                 "~200", practice="8 Strategies to Build Growth Mindset", challenges=True),
    ShareOutSpec(SOAR, DG, DATA_SHARES, "The grade reflection and goal-setting form, from surveys of students and "
                 "teachers: students' greater awareness of their current grades and goals; great variation in their "
                 "action plans; teachers need more training and support in large classes, and a longer homeroom.",
                 "~192-194", practice="Grade reflection and goal-setting form", evidence=True, challenges=True,
                 successes=True),
    ShareOutSpec(SOAR, VALLEY, DATA_SHARES, "The grade reflection and goal-setting form, from exit surveys and "
                 "passing rates: students had difficulty conceptualizing the action steps to their grade goals; no "
                 "change in overall grades, but more students reaching honor roll.", "~192-194",
                 practice="Grade reflection and goal-setting form", evidence=True, challenges=True, successes=True),
    ShareOutSpec(NYC, "P.S. 12", PS12_VISIT, "P.S. 12's ten practices for the first 15 minutes of class, on the "
                 "observation tool “which the team asked the rest of the triad members to complete as they observed "
                 "classrooms”.", "~4931-4933, ~5911-5919", practice=PS12_PRACTICES.name, meeting=PS12_FIRST_VISIT),
    ShareOutSpec(HL, OAK, CARYN_VIDEO, "A new video of Caryn, with Sheryl coaching her on the side, in a reading "
                 "conference; before it Caryn asked: “What would progress look like for this child?”", "~607-642",
                 practice=CARYN_CONFERRING.name, meeting=LAST_STUDIO),
    ShareOutSpec(HL, OAK, CARYN_DEMO, "Caryn's demonstration of student conferencing and independent reading in her "
                 "classroom, “before a group of her colleagues and a visiting team of professionals from another "
                 "school district”, with her 4x6 notecard record keeping system.", "~650-661",
                 practice=CARYN_CONFERRING.name, meeting=DEMONSTRATION),
]

# Highline's district conventions of summer 2006 (seed 000): title, description (the seed's words), seed lines,
# and whether the seed ties it to the first year of studio/residency sessions (~815-817, ~865, ~900-907).
LEARNING = ("Made by the Elementary Directors “as follow-up to their learning regarding the first year of "
            "studio/residency work”. ")
CONVENTIONS = [
    ("Embedded coaching in elementary summer school", LEARNING + "“An embedded coaching model for elementary summer "
     "school modeled on the high school summer school professional development model and the studio/residency model. "
     "Two CEL consultants were hired to work with pairs of summer school teachers in classroom contexts and at pre- "
     "and post-debrief sessions that included elementary literacy coaches.”", "~815-826", True),
    ("Job-embedded coaching as the standard for professional development", LEARNING + "“(2) job-embedded coaching "
     "continued to be conventionalized as the standard for professional development work in the district” (begun "
     "with a CEL consultant's 9th grade work from the summer of 2004).", "~815-820, ~368-373", True),
    ("Principals' sessions led by the studio/residency consultant", LEARNING + "“A new policy for future whole group "
     "professional development sessions with elementary principals (around instructional leadership). District-wide "
     "sessions would be conducted by the same consultant who provided external expertise and job-embedded coaching "
     "in the schools at studio/residency sessions (for 2006-2007).”", "~815-817, ~827-832", True),
    ("Professional learning as public events", LEARNING + "“(3) professional learning processes continued as public "
     "events.” “Policies and structures such as these place new “conventions” related to embedded coaching and the "
     "public nature of professional learning into public view (Quadrant 1)”.", "~815-820, ~834-836", True),
    ("External expertise connected to actual work practices", LEARNING + "“(1) external expertise was connected to "
     "actual work practices”.", "~815-818", True),
    ("“District-Sponsored—Building-Owned” studio/residency work", "“They designed future iterations of the "
     "studio/residency work—new public spaces for learning—based on what they learned. … The new motto for the work "
     "was “District-Sponsored—Building-Owned.”” Principals plan the focus with their partner school, open and close "
     "each visit, facilitate the adult learning and act on next steps. The 2006-07 documents (Appendix D) "
     "are not in the seed.", "~854-884", True),
    ("A district literacy coach placed with struggling principals", "“A recent organizational change will place one "
     "district literacy coach in close proximity to the work with struggling principals especially related to the "
     "expectation that these principals guide and support professional growth for teachers.” The seed ties it to "
     "building leaders “who have not been as successful with leading professional development”, not to the studio "
     "sessions.", "~885-891", False),
]

# (kind, subject, kept, other, seed lines, note)
SOAR_NOTES = [
    ("reading", "Who adopted “Think It Out”, and when", "Forest Glen and Valley, as it was, on the first day of "
     "2014-15 (the demo's August 1, 2014)", "“By the beginning of the next school year, the other two teams had also "
     "adopted this practice.”", "~186, ~312, ~330",
     "“The other two teams” are read from Table 1's three schools; the next school year is 2014-15 (Table 2's "
     "implementation phase). The seed does not say whether they adapted it, who introduced it or how it travelled: "
     "the demo records it taken as it was, through the spring share-out (inferred)."),
    ("gap", "“Think It Out”: maker, parts and versions", "No maker recorded; one version", "", "~182-186",
     "The seed names no individual (Jillian stands as the record's author, as in the inquiry demo), describes no "
     "fields and no revisions, and gives no outcome evidence: only student feedback (perceptual)."),
    ("reading", "The spring session where “Think It Out” was shared", "Spring 2014, a district-wide session (the "
     "demo's April 30, 2014)", "“one of the sessions in the spring”", "~174, ~186; ~86, ~100, ~138",
     "The year is read from the section's opening (“By the spring of the 2013-2014 school year”); whether the "
     "sessions were quarterly, monthly or two-day meetings is itself in conflict, so which session cannot be fixed."),
    ("conflict", "Did SOAR practices travel between schools or run in parallel?", "“Think It Out” adopted from "
     "Desert Grove (~186); the grade reflection form at Valley recorded without a source school",
     "“they often implemented it parallel to one another, without the practice in one school explicitly informing "
     "the practice in another school”", "~186; ~194", "Valley's use of the form is an adoption through “other” "
     "with no school it came from, so the knowledge-flow graph draws no link for it."),
    ("conflict", "When SOAR teams first shared learning successfully across schools", "Spring 2014 (“Think It Out” "
     "shared and adopted)", "“team members were able to successfully share their learning across school boundaries "
     "for the first time” (2014-15)", "~180, ~186; ~194", ""),
    ("reading", "The schools' own growth-mindset tools as versions of the “8 Strategies” handout", "Versions 2-4 of "
     "“8 Strategies to Build Growth Mindset”, one per school, 2013-14",
     "“the tools developed by the separate schools were heavily based in school-specific routines, rather than shared "
     "tools of the network”", "~136-140, ~148, ~166",
     "All three teams received the handout Renee reviewed at the opening two-day meeting; that each school's delivery "
     "derives from it is the demo's reading, so the tool alignment shows three different derived tools for the "
     "growth-mindset element."),
    ("conflict", "Desert Grove's growth-mindset delivery", "Both in one version: the second day of school's "
     "mini-lessons and articles during literacy time", "“assign articles on growth mindset and problem solving during "
     "time already set aside for literacy” vs “dedicated the entire second day of school to teaching students about "
     "growth mindsets”", "~148; ~166", "The two descriptions may be complementary; which year's second day of school "
     "is not stated."),
    ("gap", "A common growth-mindset tool in 2014-15", "None loaded",
     "“schools coalesced on a common set of practices, including the grade reflection form and teaching students "
     "about growth mindsets and problem-solving that achieved greater alignment”", "~194, ~204",
     "The seed names no common growth-mindset or problem-solving tool; the convergence the demo can show is on the "
     "behavioral reflection form (“Think It Out” at all three schools) and the grade reflection form (Desert Grove "
     "and Valley). Forest Glen is not mentioned with the grade reflection form."),
    ("reading", "Date of Valley's PD share-out", "Spring 2014 (the demo's May 28, 2014)", "The passage follows the "
     "2014-15 paragraph", "~196-200", "“Such interrogation … may help explain Valley's use of professional learning "
     "communities as a means to transmit the design in the 2014-2015 school year”: the meeting precedes 2014-15."),
    ("synthetic", "SOAR share-outs before the spring of 2013-14", "One report per school, December 2013, reporting "
     "what was piloted", "“Teams initially presented what practices they had piloted, offering little reflection on "
     "the outcomes of the practice.”", "~158-174", "The seed names no school, practice or meeting for these "
     "reports; the rows stand for its general statement so that sharing quality can be followed over time."),
    ("synthetic", "Days of the SOAR practice library's events", "The demo's", "", "~138, ~148, ~166, ~174-200",
     "The seed dates none: the two-day meeting (“at the beginning of the 2013-2014 school year”), the schools' own "
     "tools (2013-14), the spring session, the 2014-15 sharing (“informed by data”); the grade reflection form's and "
     "“Think It Out”'s first days are the inquiry demo's cycle dates."),
]
NYC_NOTES = [
    ("reading", "Origin of P.S. 12's ten practices", "P.S. 12's own ten practices (origin P.S. "
     "12): a Facilitator-led brainstorm of P.S. 12's team drawing on Teach Like a Champion and the Gradual Release "
     "of Responsibility; the October 2014 visit to P.S. 10 changed P.S. 12's focus", "",
     "~5356-5385, ~5877-5919",
     "“Everybody came up with the same 10” means P.S. 12's team members converged on the same ten, not that they "
     "were P.S. 10's; the seed calls it “bringing in outside sources of knowledge” (~5877). No adoption from P.S. 10 "
     "is recorded: the visit is the context (P.S. 12 wanted to “tease out key practices” from how P.S. 10 approached "
     "instruction, ~5376-5378)."),
    ("conflict", "Scope of P.S. 12's ten practices", "The first 15 minutes of all classes (the principal)",
     "“the ten practices that they wanted to implement consistently across the school”; Appendix C: “school-wide "
     "instructional practices, including common routines for the first 15 minutes of every lesson, checks for "
     "understanding, and the gradual release of responsibility model”", "~5880-5881; ~5913-5914, ~7423-7430",
     "Whether checks for understanding are among the ten is not stated."),
    ("reading", "Past years' network practices shared with the district", "P.S. 12's ten practices and the circles "
     "published to the district", "Shown to their triads (the first visit to P.S. 12; the host's initial site "
     "visit)", "~5911-5919; ~5313-5322", "A network rung reaches only the current year's networks, so a 2014-15 or "
     "2015-16 triad's practice shared with its network would now reach nobody; the publication's where says who saw "
     "it."),
    ("reading", "The restorative-justice triad's schools in the circles flow", "Host P.S. 20 → P.S. 21 (student-led "
     "circles) → P.S. 22 (a peer circle-keeper training series)", "“the host school”, “one partner school”, “the "
     "other partner school” (unnamed)", "~5313-5322, ~5928-5933, ~7596-7642",
     "P.S. 20, 21 and 22 are the only restorative-justice triad; P.S. 21 later “Refined and expanded student-led "
     "circles” (~7642). The circles' author in the demo is the triad's facilitator: no one at P.S. 20 is named."),
    ("synthetic", "Days of the practice library's NYC events", "The demo's", "", "~5313-5322, ~5893-5900",
     "P.S. 12's ten practices are undated (agreed between the October 2014 visit and the first visit to P.S. 12: "
     "the demo's November 5, 2014; the tool is dated that visit's day); the circles observed at “initial site "
     "visits” of 2015-16: the demo's October 21, 2015."),
]
HIGHLINE_NOTES = [
    ("reading", "Caryn's conferring published at the May 2006 demonstration", "Network (the April 2006 studio "
     "session's video), then district (the classroom demonstration, the visits demo's May 10, 2006)",
     "“About a month later” than the April session", "~607-610, ~650-661, ~665-669",
     "The seed never prints “May 2006”; it reads the April video and the demonstration as publication "
     "(Quadrant IV)."),
    ("gap", "Where Caryn's notecard record system came from", "Not recorded", "", "~582-590, ~615-616, ~660-661",
     "The seed does not say (Lea, CEL, Calkins, a colleague or Caryn herself). Caryn and Sheryl are its origin "
     "people (“Caryn (and Sheryl) had made significant changes”, ~542-543); the studio sessions with Lea are where "
     "Caryn learned to confer, not a stated source of the notecards."),
    ("reading", "Versions of Caryn's conferring", "One version", "Four dated observations: January (without "
     "intention), a classroom visit later in the spring, the April video, the May notecards",
     "~460-461, ~547-590, ~636-661", "The seed never describes the record system being revised."),
    ("reading", "What produced the summer-2006 conventions", "The first year of studio/residency sessions (six of "
     "the seven; the literacy coach with struggling principals: none)", "", "~815-891, ~900-907",
     "The seed does not say Caryn's conferring became a convention: “Not all innovations made at the local level "
     "(such as those developed, deliberated, and piloted at Caryn’s school) are adopted and consolidated” "
     "(~836-838). No convention names it."),
    ("reading", "The consultant for the 2006-07 principals' sessions", "Lea (by context)", "“the same consultant who "
     "provided external expertise and job-embedded coaching in the schools at studio/residency sessions”",
     "~827-832; ~342-343, ~421-422", ""),
    ("synthetic", "Days of the practice library's Highline events", "The demo's", "", "~547, ~650, ~815",
     "The conventions are dated August 1, 2006 (“during the summer (2006)”); Caryn's book routine the day of the "
     "researcher's classroom visit “later in the spring” (March 22, 2006)."),
    ("synthetic", "Caryn's book routine as a private draft", "Private to Caryn", "", "~585-590",
     "The seed quotes the routine from Caryn's talk with the researcher; keeping it her private draft is the demo's, "
     "to show the ladder's lowest rung."),
]
NOTES = {SOAR: SOAR_NOTES, NYC: NYC_NOTES, HL: HIGHLINE_NOTES}


def load(ctx):
    districts = {name: org.District.objects.get(short_name=name) for name in SEEDS}
    practices = {spec.name: _practice(districts[spec.district], spec) for spec in PRACTICES}
    for s in SHARE_OUTS:
        d = districts[s.district]
        m.ShareOut.objects.update_or_create(district=d, school=_school(d, s.school), date=s.date, defaults={
            "practice": practices.get(s.practice), "meeting": _meeting(d, s.meeting), "summary": s.summary,
            "evidence": s.evidence, "challenges": s.challenges, "successes": s.successes,
            "source": f"{SEEDS[s.district]} {s.lines}", "synthetic": s.synthetic})
    hl = districts[HL]
    studio = list(Meeting.objects.filter(district=hl, kind=Meeting.Kind.STUDIO, school_year__name=PAIR[0]))
    for title, description, lines, from_studio in CONVENTIONS:
        convention, _ = m.Convention.objects.update_or_create(district=hl, title=title, defaults={
            "level": m.Convention.Level.DISTRICT, "school": None, "date": SUMMER_2006, "description": description,
            "source": f"{SEED_000} {lines}", "synthetic": False})
        convention.clean()
        convention.meetings.set(studio if from_studio else [])
        convention.practices.set([])  # the seed ties no practice to them (~836-838)
    for name, notes in NOTES.items():
        data_notes(districts[name], SEEDS[name], notes)
    ctx["practices"] = practices


def _school(d, name):
    return org.School.objects.get(district=d, name=name) if name else None


def _meeting(d, title):
    """The visits demo's meeting, or None if it does not have it."""
    return Meeting.objects.filter(district=d, title=title).first() if title else None


def _person(d, key, network):
    if not key:
        return None
    if key == FACILITATOR:
        return network.facilitators.order_by("pk").first()
    return org.Person.objects.get(district=d, email=f"{key}@demo.districtlab.org")


def _practice(d, spec: PracticeSpec):
    """The practice, its versions, evidence, adoptions and publications, found again on the next load by name."""
    network = (org.Network.objects.get(district=d, school_year__name=spec.network[0], name=spec.network[1])
               if spec.network else None)
    origin = _school(d, spec.origin_school)
    author = _person(d, spec.author, network)
    practice, _ = m.Practice.objects.update_or_create(district=d, name=spec.name, defaults={
        "author": author, "kind": spec.kind, "description": spec.description, "origin_school": origin,
        "team": org.Team.objects.get(district=d, name=spec.team) if spec.team else None, "school": origin,
        "network": network, "grade_band": origin.grade_band if origin else "", "design_element": spec.design_element,
        "links": spec.links, "source": f"{SEEDS[spec.district]} {spec.lines}", "synthetic": False})
    practice.origin_people.set([_person(d, key, network) for key in spec.origin_people])
    practice.focus_areas.set(org.LearningFocusArea.objects.filter(district=d, name__in=spec.focus_areas))
    versions = {}
    for v in spec.versions:
        versions[v.number], _ = m.Version.objects.update_or_create(practice=practice, number=v.number, defaults={
            "parent": versions[v.parent] if v.number > 1 else None, "what_changed": v.what_changed, "why": v.why,
            "by": _person(d, v.by, network), "school": _school(d, v.school) if v.school else origin, "date": v.date})
        versions[v.number].clean()
    _sync(practice.evidence, [m.PracticeEvidence.objects.update_or_create(
        practice=practice, kind=kind, description=description, defaults={
            "nature": nature, "basis": basis, "school": _school(d, school), "date": day})[0]
        for kind, nature, basis, description, school, day in spec.evidence])
    for a in spec.adoptions:
        adoption, _ = m.Adoption.objects.update_or_create(practice=practice, school=_school(d, a.school), defaults={
            "version": versions[a.version], "from_school": _school(d, a.from_school), "through": a.through,
            "meeting": _meeting(d, a.meeting), "date": a.date, "by": None,
            "adapted_as": versions[a.adapted_as] if a.adapted_as else None, "status": a.status, "status_date": None,
            "abandoned_reason": "", "note": a.note, "source": f"{SEEDS[spec.district]} {a.lines}", "synthetic": False})
        adoption.clean()
    zone = ZoneInfo(d.time_zone)
    for level, day, where in spec.publications:
        if rung(practice.visibility) < rung(level):  # published once: loading again changes nothing
            publish(practice, level, author, where)
        Publication.objects.filter(content_type=ContentType.objects.get_for_model(practice), object_id=practice.pk,
                                   to_level=level).update(at=dt.datetime.combine(day, dt.time(12), zone), where=where)
    return practice


def _sync(related, kept):
    """Remove what the demo no longer holds (so that a changed text does not leave its old row behind)."""
    related.exclude(pk__in=[obj.pk for obj in kept]).delete()

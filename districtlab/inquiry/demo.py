"""Cycles of Learning in the demo: the cycles the seeds document, in the seeds' own words.

- NYC DOE (seed 004): Table 11's three examples (P.S. 8, P.S. 24 and P.S. 38, 2016-17) and Appendix C's
  entries for P.S. 12, P.S. 14 and P.S. 15 (2014-15), P.S. 20 and P.S. 21 (2015-16) and P.S. 23 (2016-17).
- The SOAR district (seed 001): Desert Grove's "Think It Out" pilot (spring of 2013-14) and the grade
  reflection and goal-setting form at Desert Grove and Valley (2014-15).

Statements, goals, change ideas, evidence and results are quoted from the seeds (seed line numbers in the
comments). What the seeds leave out is filled sparingly: text ends in "(synthetic)", every measure is marked
``synthetic`` (no seed gives a data series), and cycle dates and stages are the demo's (a data note says so).
Measure series are explicit lists: some show a signal of change, some do not; the measures of P.S. 12, 20, 21
and 23, which Appendix C names only, have no data. Where passages disagree the record keeps one and a data
note names the other.

Visibility: 2016-17 records are shared with the network (the network's schools and facilitator see them);
P.S. 8's second cycle is its author's private draft. Records of past years and of SOAR (which has no
networks) are shared with the district: a network rung reaches only the current year's networks.
"""
import datetime as dt
from dataclasses import dataclass, field

from districtlab.core.roles import PositionKind as K
from districtlab.core.visibility import Visibility as V
from districtlab.org import models as org
from districtlab.org.demo.common import SEED_001, SEED_004, data_notes, person, position
from districtlab.visits.demo import PEOPLE as PLACED_AT_MEETINGS

from . import models as m

E, NATURE, BASIS = m.Evidence.Kind, m.Evidence.Nature, m.Evidence.Basis
PERCEPTUAL, OUTCOME = NATURE.PERCEPTUAL, NATURE.OUTCOME
STAGE, NEXT = m.Cycle.Stage, m.Cycle.NextStep
D = dt.date


@dataclass
class Series:
    """A measure and its synthetic data: one point every ``every`` days from ``start``."""

    name: str
    unit: str
    data_source: str
    start: dt.date
    values: list
    denominators: list | None = None
    parts: list = field(default_factory=list)  # [(label, number of points)]; none: one part
    nature: str = OUTCOME
    chart: str = "run"
    direction: str = m.Measure.Direction.UP
    every: int = 7


@dataclass
class CycleSpec:
    title: str
    smaller_goal: str
    change_ideas: list
    stage: str
    started: dt.date
    ended: dt.date | None = None
    next_step: str = NEXT.UNDECIDED
    next_step_thinking: str = ""
    prediction: str = ""
    implementation_notes: str = ""
    results: str = ""
    lessons: str = ""
    evidence: list = field(default_factory=list)  # [(kind, nature, basis, description)]
    measures: list = field(default_factory=list)
    private: bool = False


@dataclass
class Inquiry:
    """One team's problem of practice and year-long goal for a school year, with its cycles."""

    district: str
    school: str
    team: str
    year: str
    author: str  # the author's demo key (see ``common.person``)
    visibility: str
    statement: str
    goal: str
    how_decided: str = ""
    lfa_relation: str = ""
    team_roles: str = ""
    evidence: list = field(default_factory=list)
    cycles: list = field(default_factory=list)


# People the seeds quote but do not name; they author their school's record and join its team.
SCHOOL_LEADERS = [  # key, name, kind, school, position start (seed 004 lines)
    ("nyc.ps14.principal", "P.S. 14 principal (unnamed in the seed)", K.PRINCIPAL, "P.S. 14", D(2014, 9, 1)),  # ~3846
    ("nyc.ps15.principal", "P.S. 15 principal (unnamed in the seed)", K.PRINCIPAL, "P.S. 15", D(2014, 9, 1)),  # ~3894
    ("nyc.ps20.principal", "P.S. 20 principal (unnamed in the seed)", K.PRINCIPAL, "P.S. 20",
     D(2015, 9, 1)),  # ~3942, ~4090; P.S. 20 is New in 2015-16 (Table 4)
    ("nyc.ps38.principal", "P.S. 38 principal (unnamed in the seed)", K.PRINCIPAL, "P.S. 38",
     D(2015, 9, 1)),  # ~4102-4103
] + [row[1:6] for row in PLACED_AT_MEETINGS  # the meetings' people who author a record, as the meetings give them
     if row[1] in ("nyc.ps12.principal", "nyc.ps21.ap", "nyc.ps23.principal")]

SOAR_PROBLEM = "The shared problem orientation of student ownership and responsibility"  # 001 ~82
SOAR_NEEDS = ("The needs assessments confirmed many of the research findings, brought about greater commitment to the "
              "shared problem orientation of student ownership and responsibility, and helped the district design "
              "team focus on more specific student behaviors they hoped to improve.")  # 001 ~82
GRADE_FORM = "A grade reflection and goal-setting form with their homeroom students"  # 001 ~192

INQUIRIES = [
    Inquiry(  # seed 004 Table 11 (~3346-3476) and Appendix C (~7650-7676)
        "NYC DOE", "P.S. 8", "P.S. 8 LPP team 2016-17", "2016-17", "nyc.teacher", V.NETWORK,
        statement="Students are interacting negatively",
        goal="Develop students’ ability to communicate with each other",
        how_decided="We looked at our learning environment survey from last year and we looked at our 2015-16 "
                    "Quality Review. We also used a protocol to engage in discussions and brainstorming sessions.",
        lfa_relation="Student empowerment",
        evidence=[(E.SURVEY, PERCEPTUAL, BASIS.DATA, "Our learning environment survey from last year"),
                  (E.QUALITY_REVIEW, OUTCOME, BASIS.DATA, "Our 2015-16 Quality Review")],
        cycles=[
            CycleSpec(
                "Collaboration rubric", "Include student collaboration in lesson plans",
                ["Have students rate themselves on collaboration rubric"], STAGE.IMPLEMENT, D(2016, 10, 3),
                implementation_notes="Implemented a rubric that students used to rate their collaboration skills "
                                     "at the end of each lesson",  # ~7673-7674
                measures=[
                    Series("Observed lessons with a collaborative activity", "% of observed lessons",
                           "Lesson observations", D(2016, 10, 3),
                           [33, 40, 25, 38, 30, 36, 31, 35, 58, 66, 62, 70, 64, 67, 72, 65], nature=PERCEPTUAL),
                    Series("Collaboration rubric ratings", "average self-rating (1-4)", "Collaboration rubric ratings",
                           D(2016, 11, 28), [2.6, 2.9, 2.5, 2.8, 2.7, 2.4, 2.9, 2.6, 2.8, 2.5, 2.7, 3.0],
                           nature=PERCEPTUAL),
                ]),
            CycleSpec(
                "Draft: explicit teaching of collaboration skills",
                "The explicit teaching of collaboration skills and the incorporation of collaborative activities "
                "into lessons",  # ~7674-7675
                ["Explicit teaching of collaboration skills"], STAGE.PLAN, D(2017, 1, 23),
                prediction="If we teach collaboration skills explicitly, students' rubric ratings will rise. "
                           "(synthetic)",
                measures=[Series("Peer observations of lessons", "% of observed lessons",
                                 "Peer observations of lessons", D(2017, 1, 30), [],
                                 nature=PERCEPTUAL)],  # ~7676; no data yet
                private=True),
        ]),
    Inquiry(  # seed 004 Table 11; Appendix C (~7493-7521); prose (~6055-6074)
        "NYC DOE", "P.S. 24", "P.S. 24 LPP team 2016-17", "2016-17", "nyc.coach", V.NETWORK,
        statement="Students did not make adequate growth in reading",
        goal="By June 2017, 80% of standardized assessment students will increase Fountas and Pinnell reading "
             "levels",
        how_decided="Students did not make adequate growth in their reading levels during the 2015-2016 school year "
                    "as evidenced by MOSL. Students did not make adequate growth on the 2015-2016 ELA exam as "
                    "evidenced by MOSL.",
        lfa_relation="Refining assessment to support rigorous instruction",
        evidence=[(E.STUDENT_OUTCOMES, OUTCOME, BASIS.DATA, "MOSL: growth in reading levels, 2015-2016"),
                  (E.STUDENT_OUTCOMES, OUTCOME, BASIS.DATA, "MOSL: growth on the 2015-2016 ELA exam")],
        cycles=[
            CycleSpec(
                "Fountas and Pinnell running records",
                "By November, 2016, 100% of targeted teachers use Fountas and Pinnell running records to accurately "
                "assess student reading levels",
                ["Professional development around Fountas and Pinnell and the Literacy Continuum"], STAGE.SHARE,
                D(2016, 9, 19), D(2016, 11, 30), NEXT.ADOPT,
                next_step_thinking="Tracking sheets are now part of small-group instruction; the next cycle builds "
                                   "on the first change idea. (synthetic)",
                results="After the professional development most small-group sessions had a tracking sheet. "
                        "(synthetic)",
                measures=[Series("Small-group sessions with a guided reading tracking sheet", "share of sessions held",
                                 "Guided reading tracking sheets used during small group instruction", D(2016, 9, 19),
                                 [9, 10, 8, 15, 17, 18, 19, 20, 19, 21, 20],
                                 denominators=[20, 22, 19, 21, 20, 22, 21, 22, 20, 23, 21], chart="p")]),
            CycleSpec(
                "Explicit instruction", "", ["Providing PD in explicit instruction"], STAGE.REFLECT,  # ~6072-6073
                D(2016, 12, 5),
                implementation_notes="Implemented explicit instruction practices, with a focus on reading "
                                     "instruction.",  # ~7515-7517
                results="For this school, the feedback provided some confirmation that the change idea (providing PD "
                        "in explicit instruction) had some impact on instruction across the school, and it also "
                        "helped the P.S. 24 team think through next steps for PD.",  # ~6072-6074
                evidence=[(E.NETWORK_FEEDBACK, PERCEPTUAL, BASIS.PRACTICE,
                           "Site visit feedback; next steps: using data to plan lessons for group instruction, PD for "
                           "paras and for teachers using paras, think alouds, questions in the lesson plan")],  # ~6067
                measures=[Series("Guided reading students at their Fountas and Pinnell goal level", "% of students",
                                 "Fountas and Pinnell assessments", D(2016, 12, 5),
                                 [41, 45, 38, 44, 47, 40, 43, 39, 46, 42, 44, 41, 48, 40])]),
        ]),
    Inquiry(  # seed 004 Table 11; Appendix C (~7548-7593); prose (~6229-6252)
        "NYC DOE", "P.S. 38", "P.S. 38 LPP team 2016-17", "2016-17", "nyc.ps38.principal", V.NETWORK,
        statement="We do not have an environment where teachers learn from one another",
        goal="Improve teacher practice and collaboration",
        how_decided="The administrators from last year identified indicators in the Danielson framework that the "
                    "teachers in our school score low on, such as indicator 1e on planning. Based on exit surveys from "
                    "last year, teachers seemed to be dissatisfied with the work of their grade teams overall and the "
                    "lack of direction in the teams.",
        lfa_relation="Lesson planning, interdisciplinary instruction, social-emotional learning",
        evidence=[(E.TEACHER_RATINGS, OUTCOME, BASIS.DATA, "Danielson framework indicators the teachers in our "
                                                           "school score low on, such as indicator 1e on planning"),
                  (E.SURVEY, PERCEPTUAL, BASIS.DATA, "Exit surveys from last year")],
        cycles=[CycleSpec(
            "Teacher-led professional learning series", "Create a professional setting for teachers to work together",
            ["Implement teacher-led professional learning series"], STAGE.SHARE, D(2016, 10, 3), D(2017, 3, 31),
            NEXT.ADOPT,
            next_step_thinking="With this, the team received confirmation that the workshops were moving in the right "
                               "direction.",  # ~6251-6252
            prediction="Changes to teacher collegiality in the form of teacher-led workshops would improve "
                       "instructional practices, which in turn, would lead to more engaging lessons and higher "
                       "engagement for students.",  # ~6243-6245 (the team's theory of action)
            implementation_notes="LPP teachers and non-LPP teachers led a series of workshops on topics related to "
                                 "student engagement.",  # ~6233-6234
            results="Ninety-six percent of staff used a strategy that they learned and more than a quarter do it "
                    "daily, 50% do it once/week.",  # ~6248-6249
            lessons="Designed school-wide PD based on strategies they learned in the interschool pod work.",  # ~7563
            evidence=[(E.SURVEY, PERCEPTUAL, BASIS.DATA, "Survey results from one workshop")],
            measures=[
                Series("Staff who used a strategy they learned", "% of survey respondents", "Teacher surveys",
                       D(2016, 10, 5), [88, 92, 85, 96, 90, 87, 93, 89, 95, 91], nature=PERCEPTUAL, every=14),
                Series("Staff attending the workshops", "share of staff", "Attendance at workshops", D(2016, 10, 5),
                       [44, 47, 41, 46, 43, 48, 45, 42, 47, 44], denominators=[64] * 10, chart="p", every=14),
            ])]),
    Inquiry(  # seed 004 Appendix C (~7277-7332); prose (~3843-3883)
        "NYC DOE", "P.S. 14", "P.S. 14 LPP team 2014-15", "2014-15", "nyc.ps14.principal", V.DISTRICT,
        statement="A “compliance culture” (an LPP team member's words) and a “Developing” rating on QR indicator 4.2",
        goal="Improve teacher teams",
        how_decided="Quality Review, Learning Environment Survey",
        evidence=[(E.QUALITY_REVIEW, OUTCOME, BASIS.DATA, "A “Developing” rating on QR indicator 4.2"),
                  (E.SURVEY, PERCEPTUAL, BASIS.DATA, "Learning Environment Survey")],
        cycles=[CycleSpec(
            "New teacher team structures", "",
            ["Established new teacher team structures, including common expectations for grade teams and cross-grade "
             "teacher committees"], STAGE.SHARE, D(2014, 10, 6), D(2015, 5, 29), NEXT.ADOPT,
            implementation_notes="P.S. 14’s LPP team did rebuild grade teams and created committees made up of "
                                 "teachers from across the school that worked on various aspects of school culture. "
                                 "They also designed PD sessions to help team leaders across the school align on "
                                 "objectives and common practices for their teams.",  # ~3861-3864
            results="The ultimate culture changes were confirmed in the school’s QR; the rating on indicator 4.2 "
                    "increased to “Proficient” that year and the reviewer described the teams as having distributed "
                    "leadership structures and as being focused on student work and learning.",  # ~3880-3883
            evidence=[(E.QUALITY_REVIEW, OUTCOME, BASIS.DATA, "QR indicator 4.2 rating: “Proficient”"),
                      (E.OTHER, PERCEPTUAL, BASIS.DATA, "One teacher remarked on how, “[The LPP team] established a "
                                                        "culture where [teachers] can ask [each other] for help.”")],
            measures=[Series("Grade-team meetings focused on student work", "% of observed meetings",
                             "Observations of team meetings", D(2014, 10, 6),
                             [17, 33, 17, 33, 50, 17, 33, 17, 50, 67, 83, 67, 50, 83, 67, 83, 100, 67, 83, 67],
                             parts=[("before common expectations", 9), ("after common expectations", 11)],
                             nature=PERCEPTUAL)])]),
    Inquiry(  # seed 004 Appendix C (~7277-7332); prose (~3886-3917)
        "NYC DOE", "P.S. 15", "P.S. 15 LPP team 2014-15", "2014-15", "nyc.ps15.principal", V.DISTRICT,
        statement="The school had recently experienced significant turnover among teachers; the principal was using "
                  "LPP to change the school culture among a relatively new faculty",  # ~3890-3893
        goal="Improve school culture",
        how_decided="Quality Review; lesson observations",
        team_roles="Paraprofessionals were included on the LPP team",  # ~3888-3889, ~3905
        evidence=[(E.QUALITY_REVIEW, OUTCOME, BASIS.DATA, "Quality Review"),
                  (E.LESSON_OBSERVATION, PERCEPTUAL, BASIS.DATA, "Lesson observations")],
        cycles=[CycleSpec(
            "New social-emotional learning curriculum, school values and PBIS", "",
            ["Implemented new social-emotional learning curriculum", "Redefined school values",
             "Implemented a new PBIS system"], STAGE.REFLECT, D(2014, 10, 6),
            implementation_notes="The team planned a PD series that paraprofessionals would attend, and new "
                                 "responsibilities for paraprofessionals in the school’s library.",  # ~3907-3909
            results="[The LPP group reflected on how] paraprofessionals are now taking ownership of the library. They "
                    "used to “own” a system they didn’t understand. Now they truly own the system, and are excited to "
                    "have the power to do good work.",  # ~3912-3914
            measures=[Series("Observed lessons using the social-emotional learning curriculum", "% of observed lessons",
                             "Lesson observations", D(2014, 11, 3),
                             [45, 52, 40, 55, 48, 50, 43, 57, 46, 51, 44, 53], nature=PERCEPTUAL)])]),
    Inquiry(  # seed 004 Appendix C (~7361-7431); prose (~5324-5385, ~5877-5919, ~4930-4933)
        "NYC DOE", "P.S. 12", "P.S. 12 LPP team 2014-15", "2014-15", "nyc.ps12.principal", V.DISTRICT,
        statement="“If the quality of instruction wasn’t where it needed to be and the kids didn’t feel like the seat "
                  "time was valuable then they weren’t going to buy into the school” (the principal’s words)",
        goal="To improve school’s culture through the implementation of consistent practices",
        how_decided="Quality Review, observations",
        lfa_relation="Stronger and more consistent instructional practice, a component of school culture, but not the "
                     "component the school had originally envisioned",  # ~5386-5388
        evidence=[(E.QUALITY_REVIEW, OUTCOME, BASIS.DATA, "Quality Review"),
                  (E.LESSON_OBSERVATION, PERCEPTUAL, BASIS.DATA, "Observations")],
        cycles=[CycleSpec(
            "Consistent practices for the first 15 minutes of every lesson", "",
            ["Implemented school-wide instructional practices, including common routines for the first 15 minutes of "
             "every lesson, checks for understanding, and the gradual release of responsibility model"],
            STAGE.REFLECT, D(2014, 11, 3),
            implementation_notes="The team brainstormed the ten practices that they wanted to implement consistently "
                                 "across the school. After brainstorming, the group engaged in a discussion about "
                                 "what these practices entail, when they are used, and why. This understanding was "
                                 "then documented on the observation tool that the principal referenced, which the "
                                 "team asked the rest of the triad members to complete as they observed "
                                 "classrooms.",  # ~5913-5920
            evidence=[(E.NETWORK_FEEDBACK, PERCEPTUAL, BASIS.PRACTICE,
                       "At the first site visit to P.S. 12, the visitors provided mostly positive feedback, and over "
                       "time, helped the partner school identify instructional changes to make that were an "
                       "extension of what the school was already doing.")],  # ~4931-4933
            measures=[Series("Lesson observations", "", "Lesson observations", D(2014, 11, 3), [],
                             nature=PERCEPTUAL)])]),
    Inquiry(  # seed 004 Appendix C (~7595-7648)
        "NYC DOE", "P.S. 20", "P.S. 20 LPP team 2015-16", "2015-16", "nyc.ps20.principal", V.DISTRICT,
        statement="Classes do not have explicit connection to community principles",
        goal="Students and teachers will integrate the community principles [an aspect of RJ] into classrooms",
        how_decided="Classroom observations that demonstrate classes do not have explicit connection to community "
                    "principles",
        evidence=[(E.LESSON_OBSERVATION, PERCEPTUAL, BASIS.DATA, "Classroom observations that demonstrate classes do "
                                                                 "not have explicit connection to community "
                                                                 "principles")],
        cycles=[CycleSpec(
            "Community principles in curriculum maps and instruction", "",
            ["Incorporated community principles into curriculum maps",
             "Created a bank of practices for integrating principles into instruction"], STAGE.REFLECT, D(2015, 10, 5),
            measures=[Series(name, "", name, D(2015, 10, 5), [], nature=PERCEPTUAL)
                      for name in ("Teacher survey", "Lesson observations")])]),
    Inquiry(  # seed 004 Appendix C (~7595-7648); prose (~5645-5771, ~5928-5933)
        "NYC DOE", "P.S. 21", "P.S. 21 LPP team 2015-16", "2015-16", "nyc.ps21.ap", V.DISTRICT,
        statement="Disciplinary issues due to student conflicts",
        goal="To implement talking circles schoolwide that build and sustain community; teach college, career and "
             "life skills; and develop student voice",
        how_decided="Records of “disciplinary issues due to student conflicts”",
        evidence=[(E.STUDENT_OUTCOMES, OUTCOME, BASIS.DATA, "Records of “disciplinary issues due to student "
                                                            "conflicts”")],
        cycles=[CycleSpec(
            "Student-led circles", "",
            ["Refined and expanded student-led circles", "Implemented the use of artifacts in circles",
             "Trained student “circle keepers”",
             "Implemented practices that would allow for greater student voice during circles"],
            STAGE.REFLECT, D(2015, 10, 5),
            implementation_notes="Through the course of this exchange [planning the site visit they would host], the "
                                 "teachers and assistant principal clarified the purpose of student-led circles in "
                                 "promoting student voice, as well as the rationale behind standard practices across "
                                 "classrooms.",  # ~5703-5705
            results="After preparing for and executing a site visit, there was more clarity about what [student voice] "
                    "looked like at this school, and, after receiving feedback from the interschool network later in "
                    "the day, P.S. 21 was able to develop next steps for promoting it consistently across "
                    "classrooms.",  # ~5768-5771
            lessons="As the partner school presented its student-led circles as a mechanism for fostering student "
                    "voice, the other partner school and host school considered adopting some of the structures "
                    "presented.",  # ~5928-5930
            evidence=[(E.NETWORK_FEEDBACK, PERCEPTUAL, BASIS.PRACTICE,
                       "The visitors’ notecatchers at the April 2016 site visit: “As you visit classrooms, please "
                       "think about the questions below. We would love to collect these to use as data.”")],  # ~5731
            measures=[Series(name, "", name, D(2015, 10, 5), [], nature=PERCEPTUAL)
                      for name in ("Student reflections", "Teacher reflections", "Classroom observations")])]),
    Inquiry(  # seed 004 Appendix C (~7461-7510); prose (~3926-3930, ~5966-5968)
        "NYC DOE", "P.S. 23", "P.S. 23 LPP team 2016-17", "2016-17", "nyc.ps23.principal", V.NETWORK,
        statement="Increasing instructional consistency across classrooms",
        goal="For cluster teachers to use students' IEP goals and data to drive instruction",
        how_decided="Our problem and goal are based on the School's Needs Assessment. We analyzed data based on formal "
                    "and informal observation reports, Comprehensive Education Plan (2014-2015), and School Needs "
                    "Assessment Survey.",
        team_roles="Paraprofessionals were included on the LPP team because the school was working on increasing "
                   "instructional consistency across classrooms, and paraprofessionals taught many of the small "
                   "groups in these classrooms.",  # ~3928-3930
        evidence=[(E.LESSON_OBSERVATION, PERCEPTUAL, BASIS.DATA, "Formal and informal observation reports"),
                  (E.OTHER, OUTCOME, BASIS.DATA, "Comprehensive Education Plan (2014-2015)"),
                  (E.SURVEY, PERCEPTUAL, BASIS.DATA, "School Needs Assessment Survey")],
        cycles=[CycleSpec(
            "Common instructional expectations for cluster teachers", "",
            ["Provided PD to cluster teachers and began holding them to common instructional expectations that "
             "aligned with expectations for core subject teachers"], STAGE.REFLECT, D(2016, 10, 3),
            measures=[Series("Lesson observations", "", "Lesson observations", D(2016, 10, 3), [],
                             nature=PERCEPTUAL)])]),
    Inquiry(  # seed 001 ~174-186
        "SOAR", "Desert Grove High School", "Desert Grove school implementation team", "2013-14", "soar.jillian",
        V.DISTRICT, statement=SOAR_PROBLEM, how_decided=SOAR_NEEDS,
        goal="For students to self-correct their behavior and avoid a formal disciplinary write-up",  # ~182
        cycles=[CycleSpec(
            "“Think It Out” behavioral reflection form", "Evaluate its uptake and utility as part of the continuous "
                                                         "improvement process",
            ["Piloting of the “Think It Out” behavioral reflection form"], STAGE.SHARE, D(2014, 1, 13),
            D(2014, 4, 25), NEXT.ADOPT,
            next_step_thinking="Not all teachers had adopted the form but it helped create a common language for "
                               "students and teachers to talk about discipline.",  # ~186
            results="Even students who were not getting in trouble preferred for their classmates to remain in class "
                    "after the using the timeout for rather than immediately being sent to the front office. Students "
                    "who had received infractions from the school felt similarly.",  # ~182-186, as printed
            lessons="By the beginning of the next school year, the other two teams had also adopted this practice.",
            evidence=[(E.OTHER, PERCEPTUAL, BASIS.DATA, "The school implementation team collected feedback from a "
                                                        "sample of students, both with and without disciplinary "
                                                        "infractions.")],
            measures=[Series("Students who would rather classmates stay in class after the timeout",
                             "% of students asked", "Feedback from a sample of students", D(2014, 2, 3),
                             [78, 82, 75, 80, 84, 77, 81, 76, 83, 79], nature=PERCEPTUAL)])]),
    Inquiry(  # seed 001 ~192-194
        "SOAR", "Desert Grove High School", "Desert Grove school implementation team", "2014-15", "soar.jillian",
        V.DISTRICT, statement=SOAR_PROBLEM, how_decided=SOAR_NEEDS,
        goal="Increase the number of students on the schools' honor roll",
        cycles=[CycleSpec(
            "Grade reflection and goal-setting form", "", [GRADE_FORM], STAGE.REFLECT, D(2014, 9, 8),
            next_step=NEXT.ADAPT,
            next_step_thinking="They needed to better train their teachers, offer more support for teachers in large "
                               "classes, and extend the homeroom period to give teachers in these large classes the "
                               "opportunity to talk to their students about their goals.",
            results="The activity had increased students' awareness of their current grades, as well as their goals "
                    "for what grade they hoped to earn during the current grading cycle. They found great variation in "
                    "the action plans students developed to reach these goals and need to customize the questions for "
                    "ability and grade level.",
            evidence=[(E.SURVEY, PERCEPTUAL, BASIS.DATA, "Surveying students and teachers")],
            measures=[Series("Students who know their current grade", "% of homeroom students surveyed",
                             "Homeroom survey", D(2014, 9, 8),
                             [48, 52, 45, 50, 47, 53, 49, 51, 71, 76, 74, 79, 72, 77, 80, 75], nature=PERCEPTUAL)])]),
    Inquiry(  # seed 001 ~192-194
        "SOAR", "Valley High School", "Valley school implementation team", "2014-15", "soar.riley", V.DISTRICT,
        statement=SOAR_PROBLEM, how_decided=SOAR_NEEDS,
        goal="Increase the number of students on the schools' honor roll",
        cycles=[CycleSpec(
            "Grade reflection and goal-setting form", "", [GRADE_FORM], STAGE.REFLECT, D(2014, 9, 8),
            results="While they report finding no change in students' overall grades in the grading cycle following "
                    "this activity, they observed more students reaching honor roll.",
            evidence=[(E.SURVEY, PERCEPTUAL, BASIS.DATA, "Exit surveys with students: students had difficulty in "
                                                         "conceptualizing the action steps to reach their grade goals"),
                      (E.STUDENT_OUTCOMES, OUTCOME, BASIS.DATA, "Student passing rates")],
            measures=[
                Series("Students passing all classes", "% of students", "Student passing rates", D(2014, 9, 8),
                       [68, 71, 66, 70, 69, 72, 67, 70, 68, 71, 69, 66, 70, 72, 67, 69]),
                Series("Students reaching honor roll", "% of students", "Gradebook", D(2014, 9, 8),
                       [11, 12, 10, 11, 13, 11, 12, 10, 15, 16, 15, 17, 16, 18, 16, 17]),
            ])]),
]


def load(ctx):
    nyc = ctx["nyc"]
    for key, name, kind, school, start in SCHOOL_LEADERS:
        position(person(nyc, name, key=key), kind, school=ctx["nyc.schools"][school], start=start)
    for spec in INQUIRIES:
        _inquiry(spec)
    data_notes(nyc, SEED_004, NYC_NOTES)
    data_notes(org.District.objects.get(short_name="SOAR"), SEED_001, SOAR_NOTES)


def _inquiry(spec: Inquiry):
    """The team's problem of practice, year-long goal and cycles, found again on the next load by their words."""
    d = org.District.objects.get(short_name=spec.district)
    year = org.SchoolYear.objects.get(district=d, name=spec.year)
    school = org.School.objects.get(district=d, name=spec.school)
    team = org.Team.objects.get(district=d, name=spec.team, school=school)
    author = org.Person.objects.get(district=d, email=f"{spec.author}@demo.districtlab.org")
    if not team.memberships.filter(person=author).exists():  # the school leaders added above lead their team
        org.TeamMembership.objects.create(team=team, person=author, role=org.TeamMembership.Role.LEADER,
                                          start=year.start)
    network = org.NetworkMembership.objects.network_of(school, year)
    shared = {"author": author, "school": school, "network": network, "visibility": spec.visibility}
    problem, _ = m.ProblemOfPractice.objects.update_or_create(
        district=d, team=team, school_year=year, statement=spec.statement, defaults={
            **shared, "focus_area": network.focus_area if network else None, "how_decided": spec.how_decided,
            "lfa_relation": spec.lfa_relation, "team_roles": spec.team_roles})
    _evidence(problem, spec.evidence)
    goal, _ = m.YearGoal.objects.update_or_create(district=d, team=team, problem=problem, statement=spec.goal,
                                                  defaults=shared)
    for c in spec.cycles:
        cycle, _ = m.Cycle.objects.update_or_create(district=d, team=team, goal=goal, title=c.title, defaults={
            **shared, "visibility": V.PRIVATE if c.private else spec.visibility, "stage": c.stage,
            "smaller_goal": c.smaller_goal, "prediction": c.prediction, "implementation_notes": c.implementation_notes,
            "results": c.results, "next_step": c.next_step, "next_step_thinking": c.next_step_thinking,
            "lessons": c.lessons, "started": c.started, "ended": c.ended})
        _sync(cycle.change_ideas, [m.ChangeIdea.objects.get_or_create(cycle=cycle, description=text)[0]
                                   for text in c.change_ideas])
        _evidence(cycle, c.evidence)
        for series in c.measures:
            _measure(cycle, series)


def _sync(related, kept):
    """Remove what the demo no longer holds (so that a changed text does not leave its old row behind)."""
    related.exclude(pk__in=[obj.pk for obj in kept]).delete()


def _evidence(record, rows):
    owner = {"problem": record} if isinstance(record, m.ProblemOfPractice) else {"cycle": record}
    _sync(record.evidence, [m.Evidence.objects.update_or_create(
        **owner, kind=kind, description=description, defaults={"nature": nature, "basis": basis})[0]
        for kind, nature, basis, description in rows])


def _measure(cycle, s: Series):
    measure, _ = m.Measure.objects.update_or_create(cycle=cycle, name=s.name, defaults={
        "unit": s.unit, "direction": s.direction, "data_source": s.data_source, "nature": s.nature,
        "chart": s.chart, "synthetic": True})
    parts = [label for label, count in s.parts for _ in range(count)] or [""] * len(s.values)
    assert len(parts) == len(s.values), s.name
    denominators = s.denominators or [None] * len(s.values)
    _sync(measure.points, [m.DataPoint.objects.update_or_create(measure=measure, position=i, defaults={
        "label": (s.start + dt.timedelta(days=s.every * i)).isoformat(), "value": value, "denominator": n,
        "part": part})[0] for i, (value, n, part) in enumerate(zip(s.values, denominators, parts))])


# (kind, subject, kept, other, seed lines, note)
NYC_NOTES = [
    ("conflict", "P.S. 24's change idea, 2016-17",
     "Table 11: Professional development around Fountas and Pinnell and the Literacy Continuum",
     "the change idea (providing PD in explicit instruction); Appendix C: implemented explicit instruction practices",
     "~3423-3429; ~6072-6073, ~7515-7517", "The demo keeps both, as P.S. 24's two cycles of 2016-17."),
    ("conflict", "P.S. 24's measures, 2016-17",
     "Table 11: Guided reading tracking sheets used during small group instruction; informal observation",
     "Appendix C: student growth on Fountas and Pinnel assessments (spelled so)", "~3431-3438; ~7518-7521",
     "The demo measures tracking sheets in the first cycle and reading levels in the second."),
    ("conflict", "P.S. 38's year-long goal and measures", "Table 11: Improve teacher practice and collaboration; "
     "Teacher surveys", "Appendix C: “Through active involvement and participation in teacher-led PDs, LPP Pods and "
     "teacher teams, we will see an improvement in teacher pedagogy ... as well as student engagement”; attendance at "
     "workshops, teacher and student surveys, verbal reflections on workshops", "~3440-3443, ~3475-3476; ~7548-7553, "
     "~7592-7593",
     "The demo measures teacher surveys and attendance at workshops (the prose, ~6236-6238, names both)."),
    ("conflict", "Year of P.S. 38's teacher-led professional learning series", "2016-17 (Table 11's focus areas are "
     "the 2016-17 pods')", "Appendix C: “In 2015-2016, implemented grade teams, content teams, and teacher "
     "led-professional development series”", "~3364-3369, ~7528-7530; ~7561-7563", "Table 11 gives no year."),
    ("conflict", "P.S. 8's year-long goal wording", "Table 11: Develop students’ ability to communicate with each "
     "other", "Appendix C: “We want to develop students’ ability to effectively communicate with each other in "
     "classes. We will determine a metric as part of our lesson study process.”", "~3386-3391; ~7668-7669",
     "Measures differ in wording too: Table 11's lesson observations and collaboration rubric ratings, Appendix C's "
     "peer observations of lessons and aggregated data from student-graded rubrics (~3381-3384; ~7676)."),
    ("reading", "Table 11's rows", "P.S. 8: cycle goal “Include student collaboration in lesson plans”, change idea "
     "“Have students rate themselves on collaboration rubric”; P.S. 8 and P.S. 38 in 2016-17", "", "~3346-3476",
     "The extracted table runs its cells together; rows are rebuilt by content. The prose calls the rubric "
     "self-rating a change idea (~6105-6107). Only P.S. 24's row carries dates (June 2017, November 2016); P.S. 8's "
     "focus area is its 2016-17 quad's (~1950, ~7652-7653) and P.S. 38's the 2016-17 pods' (~7528-7530)."),
    ("reading", "Table 11's network focus areas", "Each problem of practice's “how the focus area relates to our "
     "school”; the network keeps its focus area from Table 5", "P.S. 24: “Refining assessment to support rigorous "
     "instruction” (Table 5: “Assessment use; supporting students with Autism”)", "~3351-3369; ~1912-2110", ""),
    ("reading", "Appendix C's rows for P.S. 13, P.S. 14 and P.S. 15", "P.S. 14: Improve teacher teams; P.S. 15: "
     "Improve school culture", "", "~7277-7332",
     "The extracted table does not say which row is whose; rows are assigned by the prose (~3861-3864, ~3890-3893)."),
    ("reading", "Appendix C's 2014-15 work as cycles", "P.S. 12, P.S. 14 and P.S. 15: one cycle each, from Appendix "
     "C's major changes", "the CoL inquiry process was introduced in the second year (2015-2016)",
     "~7277-7332, ~7361-7431; ~3310, ~7272-7275",
     "Appendix C bases 2014-15 schools' entries on interviews, not on CoL Documentation Tools."),
    ("gap", "Problems of practice of Appendix C's schools", "P.S. 12, P.S. 14, P.S. 15 and P.S. 23: worded from the "
     "seed's prose; P.S. 20 and P.S. 21: from the evidence Appendix C says their goals were made from", "",
     "~3843-3846, ~3890-3893, ~5366-5369, ~3928-3930; ~7631-7636",
     "Appendix C has no problem-of-practice column; P.S. 23's documentation says only that its “problem and goal are "
     "based on the School's Needs Assessment” (~7501)."),
    ("reading", "Appendix C's evidence cells for P.S. 12, P.S. 20 and P.S. 21", "P.S. 12: Quality Review, "
     "observations; P.S. 20: classroom observations of community principles; P.S. 21: records of disciplinary "
     "issues due to student conflicts", "In the extracted tables P.S. 20's column would get the records and P.S. 21's "
     "the classroom observations", "~7402-7431; ~7631-7648; ~7493-7503",
     "The extracted tables print each row's cells in no reliable order: in the P.S. 23 and P.S. 24 table the same row "
     "comes P.S. 24 first, which Table 11 confirms. Cells are assigned by content (P.S. 20's goal and changes are "
     "about community principles, P.S. 21's about circles) and P.S. 12's by the prose (~5382-5388). P.S. 21's "
     "lessons read “the partner school” that presented its student-led circles (~5928) as P.S. 21, which hosted "
     "that visit (~5717-5771). The records' focus area is their network's: see the data note “Internationals "
     "triad's focus area, 2015-16”."),
    ("reading", "Year of P.S. 23's inquiry record", "2016-17 (Appendix C: “Year-long goal (2016-2017)”)",
     "P.S. 23 was in the research sample in 2015-2016 and 2016-2017; its major change and the evidence used to assess "
     "it carry no year, while P.S. 24's are split by year", "~7465-7521",
     "The demo has no 2015-16 record for P.S. 23 (the seed gives none) and puts its change in its 2016-17 cycle. The "
     "record's focus area is its network's: see the data note “District 75 triad's focus area, 2016-17”."),
    ("reading", "The District 75 host school team with paraprofessionals", "P.S. 23's team, 2016-17",
     "", "~3927-3930; ~1695, ~2003",
     "The seed names neither the school nor the year: P.S. 23 is the District 75 host in both years of the sample."),
    ("gap", "P.S. 20's triad in 2016-17", "No 2016-17 network for P.S. 20 and P.S. 21 (Table 5 lists neither)",
     "Appendix C: the triad worked together “in 2015-2016 and 2016-2017 (although we only researched them in "
     "2015-2016)”", "~1939-2110; ~7596-7598", "Their records are of 2015-16 only."),
    ("reading", "Cycles per year", "Schools were encouraged to complete at least two cycles each year",
     "some schools engaging in one or two long cycles, and others performing many more", "~5452-5453; ~3341-3342",
     "The demo gives P.S. 24 two cycles in 2016-17 and leaves other network schools with none."),
    ("reading", "Text extraction artefacts in the cycles", "social-emotional; 2015-2016; non-LPP",
     "“socialemotional”, “20152016”, “nonLPP” as extracted", "~3368, ~7324; ~7499; ~6234",
     "Hyphens lost at line breaks are restored; nothing else is changed."),
    ("reading", "Perceptual and outcome evidence in the cycles", "Surveys, observations, reflections and feedback "
     "perceptual; Quality Review, Comprehensive Education Plan and teacher evaluation ratings, test scores, reading "
     "levels and records of disciplinary issues outcome", "", "~3318-3322, ~5247-5252, ~7254",
     "Seed 004 does not sort evidence so; the demo follows seed 001's definition (perceptual evidence such as teacher "
     "and student feedback or classroom observations; outcome evidence of the accountability system)."),
    ("synthetic", "Cycles of Learning: dates, stages and measure data", "Synthetic, marked so", "", "—",
     "The seed gives no cycle dates, stages or data series. Every demo measure is marked synthetic; its series is "
     "chosen so that some charts show a signal of change and some do not. The measures of P.S. 12, P.S. 20, P.S. 21 "
     "and P.S. 23, which Appendix C only names, have no data. Text the seed does not give ends in “(synthetic)”."),
]
SOAR_NOTES = [
    ("reading", "Who implemented the grade reflection form", "Desert Grove and Valley", "", "~192; ~194",
     "“Teachers at Desert Grove and Valley implemented a grade reflection and goal-setting form” (~192); “such as "
     "the grade reflection process at Desert Grove” (~194) gives one of them as an example. The demo has a cycle "
     "at each."),
    ("reading", "Perceptual and outcome evidence in the SOAR cycles", "Student feedback and surveys perceptual; "
     "passing rates outcome", "Teams “reverted to outcome evidence when determining the success of success of "
     "practices” (as printed)", "~86; ~182-194",
     "The seed calls Valley's exit surveys “perceptual data”; the rest follows its own definition (~86). Desert Grove "
     "judged “Think It Out” on student feedback alone."),
    ("reading", "Year of the “Think It Out” pilot", "Spring of 2013-14", "", "~174, ~182-186",
     "The passage says “in the spring”; the year is read from the section's opening."),
    ("gap", "Problems of practice and goals of the SOAR school teams", "The shared problem orientation of student "
     "ownership and responsibility; goals from the practices' stated aims", "", "~82; ~182; ~192",
     "The seed names no school's problem of practice; “Think It Out”'s goal is read from the form's purpose."),
    ("synthetic", "SOAR cycles: dates, stages and measure data", "Synthetic, marked so", "", "—",
     "The seed gives no cycle dates or data series."),
]

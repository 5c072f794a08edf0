"""Meetings and visits in the demo: the ones the seeds document, in the seeds' own words.

- Highline (seed 000): Oak Park's studio sessions of 2005-06 (the first three half days in the fall, the January
  video session, the last session in April) and Caryn's classroom demonstration about a month later.
- NYC DOE (seed 004): the P.S. 10 triad's visits of 2014-15 (P.S. 10 hosting in October 2014, P.S. 11 in
  November, the postponed visit to P.S. 12 and the return to the host school instead, the first visit to P.S. 12),
  the P.S. 13 triad's visit to P.S. 14 in October 2014 and its final visit, P.S. 21's planning meeting and visit
  (March and April 2016), P.S. 38's planning meeting and the visit it hosted (March 2016), P.S. 24's visit of
  February 2017 and its triad's final visit, and P.S. 8's team meeting of March 2, 2017; P.S. 13's "journey story"
  visit of October 2014; and the program's own events: the Facilitators' weekly meetings at the central office
  (four weeks of September 2014: a weekly series, not a year of rows), the summer orientations of 2014, 2015 and
  2016, the Share Fairs (two in 2014-15, one in 2015-16), the two host principal trainings of 2014-15 and the three
  Model Teacher sessions of the professional learning series observed in 2016-17.
- SOAR (seed 001): two of the district design team's monthly meetings (its first, February 2013, and a late session
  of the design phase) and three district-wide meetings of the school implementation teams with the design team
  (the two-day meeting opening 2013-14, the spring 2014 session where Desert Grove shared "Think It Out" and the
  meeting where Valley presented its PD), on the same days as the practice library's share-outs.

Text is quoted from the seeds (line numbers in ``source`` and the tables); the seeds give a day only for P.S. 8's
meeting and P.S. 21's visit ("4/6"), so every other day is the demo's and its meeting's notes say so (the seeds
document each meeting loaded, so none is flagged synthetic: only its day is invented). People the
seeds quote without naming appear by role, "(unnamed in the seed)"; a visit's Facilitator, whom the field notes
do not name, is the network's Facilitator in the demo. Protocols and two agenda templates come from the seeds'
descriptions; their minutes are the demo's. Where passages disagree a data note names both (``NOTES``). No
school holidays are loaded: the seeds state none.
"""
import datetime as dt
from dataclasses import dataclass, field

from districtlab.core.roles import Designation
from districtlab.core.roles import PositionKind as K
from districtlab.core.visibility import Visibility as V
from districtlab.org import models as org
from districtlab.org.demo.common import SEED_000, SEED_001, SEED_004, data_notes, person, position, team

from . import models as m

D, T = dt.date, dt.time
KIND, STATUS, LENGTH = m.Meeting.Kind, m.Meeting.Status, m.Meeting.Length
GLOW, GROW = m.Feedback.Kind.GLOW, m.Feedback.Kind.GROW
NYC, HL, SOAR = "NYC DOE", "Highline", "SOAR"
SEEDS = {NYC: SEED_004, HL: SEED_000, SOAR: SEED_001}
OAK, RESIDENCY = "Oak Park Elementary", "Oak Park's residency partner school"
PAIR = "Oak Park studio/residency pair"
FACILITATOR = "facilitator"  # the network's Facilitator in the demo (the field notes do not name them)
FACILITATORS_TEAM = "LPP Facilitators"  # the Facilitators who meet weekly at the central office (seed 004 ~3252-3253)
EVERY_FACILITATOR = "every facilitator"  # in ``people``: each member of the Facilitators' team

# People the seeds place at these meetings by role only: key, name, kind, school, start, designation, title, org.
PEOPLE = [
    (NYC, "nyc.ps10.principal", "P.S. 10 principal (unnamed in the seed)", K.PRINCIPAL, "P.S. 10", D(2014, 9, 1),
     "", "", ""),  # ~5339-5341, ~4919
    (NYC, "nyc.ps12.principal", "P.S. 12 principal (unnamed in the seed)", K.PRINCIPAL, "P.S. 12", D(2014, 9, 1),
     "", "", ""),  # ~5341-5350, ~4909-4929
    (NYC, "nyc.ps21.ap", "P.S. 21 assistant principal (unnamed in the seed)", K.ASSISTANT_PRINCIPAL, "P.S. 21",
     D(2015, 9, 1), "", "", ""),  # ~5650
    (NYC, "nyc.ps21.mt12", "P.S. 21 12th grade Model Teacher (unnamed in the seed)", K.TEACHER, "P.S. 21",
     D(2015, 9, 1), Designation.MODEL_TEACHER, "12th grade", ""),  # ~5660
    (NYC, "nyc.ps21.mt910", "P.S. 21 9/10th grade Model Teacher (unnamed in the seed)", K.TEACHER, "P.S. 21",
     D(2015, 9, 1), Designation.MODEL_TEACHER, "9/10th grade", ""),  # ~5655
    (NYC, "nyc.ps22.mt", "P.S. 22 Model Teacher (unnamed in the seed)", K.TEACHER, "P.S. 22", D(2015, 9, 1),
     Designation.MODEL_TEACHER, "", ""),  # ~5761
    (NYC, "nyc.morningside", "Morningside Center representative (unnamed in the seed)", K.EXTERNAL_PARTNER, "",
     D(2015, 9, 1), "", "", "Morningside Center for Teaching Social Responsibility"),  # ~5856-5861
    (NYC, "nyc.ps38.mt", "P.S. 38 Model Teacher (unnamed in the seed)", K.TEACHER, "P.S. 38", D(2015, 9, 1),
     Designation.MODEL_TEACHER, "", ""),  # ~5787
    (NYC, "nyc.ps8.ap", "P.S. 8 assistant principal (unnamed in the seed)", K.ASSISTANT_PRINCIPAL, "P.S. 8",
     D(2016, 9, 1), "", "", ""),  # ~6136
    (NYC, "nyc.ps8.mt2", "P.S. 8 Math Model Teacher (unnamed in the seed)", K.TEACHER, "P.S. 8", D(2016, 9, 1),
     Designation.MODEL_TEACHER, "Math", ""),  # ~6128
    (NYC, "nyc.ps8.mt3", "P.S. 8 Model Teacher 3 (unnamed in the seed)", K.TEACHER, "P.S. 8", D(2016, 9, 1),
     Designation.MODEL_TEACHER, "", ""),  # ~6141
    (NYC, "nyc.ps23.principal", "P.S. 23 principal (unnamed in the seed)", K.PRINCIPAL, "P.S. 23", D(2016, 9, 1),
     "", "", ""),  # ~6063
    (NYC, "nyc.ps24.principal", "P.S. 24 principal (unnamed in the seed)", K.PRINCIPAL, "P.S. 24", D(2014, 9, 1),
     "", "", ""),  # ~6037, ~5407; principal since 2014-15 (~5409-5414: "her 3-year experience with LPP")
    (NYC, "nyc.ps24.ap", "P.S. 24 assistant principal (unnamed in the seed)", K.ASSISTANT_PRINCIPAL, "P.S. 24",
     D(2016, 9, 1), "", "", ""),  # ~6052
    (NYC, "nyc.ps45.ap", "P.S. 45 assistant principal (unnamed in the seed)", K.ASSISTANT_PRINCIPAL, "P.S. 45",
     D(2016, 9, 1), "", "", ""),  # ~6061
    (NYC, "nyc.ps13.principal", "P.S. 13 principal (unnamed in the seed)", K.PRINCIPAL, "P.S. 13", D(2014, 9, 1),
     "", "", ""),  # ~4594-4598: a host principal, interviewed March 2015
    (NYC, "nyc.ps13.ap", "P.S. 13 assistant principal for middle school (unnamed in the seed)",
     K.ASSISTANT_PRINCIPAL, "P.S. 13", D(2014, 9, 1), "", "", ""),  # ~4521-4522: "The host AP for middle school"
    # Seed 000 ~355-365: who took part in each half-day session besides Caryn, Sheryl, the principal and Lea.
    (HL, "highline.residency_teacher", "Oak Park residency teacher (unnamed in the seed)", K.TEACHER, OAK,
     D(2005, 9, 1), "", "", ""),
    (HL, "highline.coach2", "Oak Park's other literacy coach (unnamed in the seed)", K.COACH, OAK, D(2005, 9, 1),
     "", "Literacy coach", ""),
    (HL, "highline.partner_principal", "Residency school principal (unnamed in the seed)", K.PRINCIPAL, RESIDENCY,
     D(2005, 9, 1), "", "", ""),
    *[(HL, f"highline.partner_coach{n}", f"Residency school literacy coach {n} (unnamed in the seed)", K.COACH,
       RESIDENCY, D(2005, 9, 1), "", "Literacy coach", "") for n in (1, 2)],
    (HL, "highline.partner_teacher", "Residency school teacher (unnamed in the seed)", K.TEACHER, RESIDENCY,
     D(2005, 9, 1), "", "", ""),
    (HL, "highline.office_coach", "Central office literacy coach (unnamed in the seed)", K.CENTRAL_OFFICE, "",
     D(2005, 9, 1), "", "Literacy coach", ""),
]

# Protocols (seed 004 unless a Highline row): name, purpose, steps, minutes (the demo's), seed lines.
PROTOCOLS = [
    (NYC, "Norms setting and review", "Facilitators asked all interschool groups and within-school LPP teams to "
     "establish norms for collaboration, which after the first year became an explicit step in the Cycles of "
     "Learning.", ["Each school team provisionally drafts possible norms before the site visit",
                   "The Facilitator asks the group to vote on the possible norms",
                   "Participants discuss why they voted for various norms",
                   "At later visits the Facilitator reiterates the norms and how the group came to them",
                   "Periodically revisit the norms to see if any should be revised"], 20,
     "~4573-4575, ~4985-4989, ~5009-5010, ~5047-5052"),
    (NYC, "Balcony observers", "To be sure the tour groups are following the norms throughout the day.",
     ["Ask for volunteers, one for each tour group",
      "Each watches that their group follows the norms throughout the day"], 5, "~5047-5054"),
    (NYC, "Team-building: commonalities", "Site visits tended to begin with team-building activities.",
     ["Everyone breaks into schools, then numbers off (1-6)",
      "Everyone goes to the area of the room for their new group's number",
      "Each group finds a commonality among its members"], 20, "~5024-5026, ~5036-5038"),
    (NYC, "Journey story", "School teams present the challenges they overcame to get to their current state and "
     "what they hope to achieve.",
     ["Our LFA past state: Where did we start? What did it look like and sound like?",
      "How did we get to our current state? What steps have been recently taken?",
      "Our current LFA state: Where are we now? What does our data tell us?",
      "Our LFA Vision: What do we want to accomplish through our participation in the Learning Partners Program?"],
     30, "~4509-4511, ~5228-5245"),
    (NYC, "Guiding question (lens)", "A “lens” or guiding question for the visit that relates to the LFA and the "
     "school's current work towards its goals.",
     ["The hosting team writes the guiding question before the visit",
      "It opens the visit (framing) and heads the visitors' notecatcher",
      "Visitors observe with the lens in mind"], 20, "~3233-3237, ~5710-5716, ~5730-5732"),
    (NYC, "Low-inference observation", "Observations that give feedback based on evidence, preventing more "
     "judgmental inferences from entering discussions.",
     ["Observe lessons with a structured note-taking template",
      "Write what is seen and heard before any critical feedback",
      "Then exchange feedback and develop next steps"], 60, "~3239-3242, ~3286-3289, ~4790-4794"),
    (NYC, "Structured debrief with trend categories", "Identify trends through sharing what was seen on the tours.",
     ["Code the data collected through the forms provided for notes",
      "In tour groups, tie low-inference observations to trends in the categories (e.g. SEL, Teacher Leadership, "
      "Student Leadership)", "The Facilitator walks around, guides groups if necessary and keeps everyone on time"],
     30, "~4807-4815"),
    (NYC, "Gallery walk", "To see what other teams observed.",
     ["Each group posts its observations on chart paper", "Everyone walks around the room to view them"], 10,
     "~4827-4828"),
    (NYC, "3-2-1", "Three clarifying questions, two observations and one recommendation.",
     ["After the gallery walk each participant shares three clarifying questions, two observations and one "
      "recommendation", "Each tour group writes its 3-2-1 on chart paper",
      "One leader from each group reads it to the whole group"], 20, "~4828-4835"),
    (NYC, "Vietnamese Wedding Table Toast", "Validate the work at the hosting school before recommendations.",
     ["Someone from each school validates the work that is happening at the hosting school",
      "Then segue into recommendations"], 10, "~4837-4841"),
    (NYC, "Glow and grow", "Feedback against the criteria the hosting school chose, used as “data” at its next "
     "team meeting.",
     ["The hosting school states its current goal, the change it recently implemented and the criteria for feedback",
      "Visitors complete the note-taking template during observations (observed or not observed)",
      "The group transfers the “data” to color-coded post-its on separate charts for “grows” and “glows”",
      "The hosting principal and assistant principal read the patterns; the network suggests next steps",
      "The school team decides how to implement next steps at its next meeting"], 40,
     "~6016-6033, ~6074-6076"),
    (NYC, "Positive feedback first; wonderings", "Rebuild trust after tense exchanges.",
     ["Share positive feedback first",
      "Give critical feedback only in the form of “wonderings” or questions about what was seen"], 15,
     "~4771-4772, ~4795-4799"),
    (NYC, "School team time", "Each school team discusses how it could apply what it observed to its own school.",
     ["Each school team meets on its own at the end of the visit", "What are we taking back?"], 20,
     "~3242-3244, ~5942-5958"),
    (NYC, "Reflection (end of visit)", "End with reflection that reiterates and reinforces the group's norms.",
     ["What is going well?", "How could we improve our collaboration?", "Were our norms met?"], 10,
     "~4576-4579, ~5024-5026"),
    (NYC, "Consultancy Protocol (NSRF)", "Used to solve problems (National School Reform Faculty). The seed "
     "describes no steps.", [], 45, "~3202-3205, ~6209-6211"),
    (NYC, "Final Word protocol (NSRF)", "Used to have a structured conversation about a text. The seed describes "
     "no steps.", [], 30, "~3205-3206"),
    (NYC, "Lesson observation debriefing protocol (Teacher Effectiveness Coach)", "Provided by a district "
     "“Teacher Effectiveness Coach” for the DOE's teacher evaluation system. The seed describes no steps.", [], 45,
     "~5861-5864"),
    (HL, "Studio session", "A public venue for learning focused on one teacher's classroom practice, with the CEL "
     "consultant's expertise.",
     ["The professionals sit together around a large table in the host school's conference room",
      "The host school presents a problem of practice related to reading instruction",
      "Discussion, with ample opportunity for the external consultant to infuse expertise",
      "Often: a demonstration lesson in the studio teacher's classroom",
      "Sometimes: a video segment of the studio teacher and/or the literacy coach modeling practice",
      "Questions set the lens for observing; then the group discusses each student's strengths and needs"], 210,
     "~386-394, ~434-436, ~722-724"),
]

# Agenda templates: district, name, kind, [(protocol, minutes)] (seed 004 ~3233-3244, ~5024-5026; seed 000 ~386-394).
TEMPLATES = [
    (NYC, "Monthly site visit (half day)", KIND.SITE_VISIT,
     [("Team-building: commonalities", 20), ("Guiding question (lens)", 20), ("Low-inference observation", 90),
      ("Glow and grow", 40), ("School team time", 25), ("Reflection (end of visit)", 15)]),
    (HL, "Studio session (half day)", KIND.STUDIO, [("Studio session", 210)]),
]

CATEGORIES = [(NYC, ["SEL", "Teacher leadership", "Student leadership"])]  # seed 004 ~4810-4812

RULES = [  # the compliance view's rules; seed 004 ~3163-3167, ~4256-4258; seed 000 ~346-347, ~363-365
    (NYC, {}),
    (HL, {"studio_sessions_per_year": 6, "studio_min_participants": 11, "studio_max_participants": 15,
          "check_team_meetings": False}),  # Highline's model sets no team-meeting cadence
]


@dataclass
class Visit:
    """One meeting and what the seed records at it. ``people``: [(person key, school, role, leader)]."""

    district: str
    year: str
    kind: str
    title: str
    date: dt.date
    when: str  # what the seed says of the date
    lines: str
    network: str = ""
    host: str = ""
    team: str = ""
    status: str = STATUS.HELD
    starts_at: dt.time | None = None
    length: str = ""
    location: str = ""
    lens: str = ""
    notes: str = ""
    people: list = field(default_factory=list)
    agenda: list = field(default_factory=list)  # [(title, minutes, protocol name, notes)]
    requests: list = field(default_factory=list)  # [(school, question)]
    feedback: list = field(default_factory=list)  # [(kind, text, category, from school)]
    next_steps: list = field(default_factory=list)  # [(text, school, owner key)]
    observations: list = field(default_factory=list)  # [(author key, visibility, where, text, team)]


STUDIO_GROUP = [  # seed 000 ~355-365 (the model's participants), ~900-902 and ~981-984 (the Elementary Director)
    ("highline.caryn", OAK, "studio teacher (2nd grade)", False),
    ("highline.sheryl", OAK, "literacy coach", False),
    ("highline.principal", OAK, "principal", True),
    ("highline.residency_teacher", OAK, "residency teacher", False),
    ("highline.coach2", OAK, "literacy coach", False),
    ("highline.partner_principal", RESIDENCY, "principal", True),
    ("highline.partner_coach1", RESIDENCY, "literacy coach", False),
    ("highline.partner_coach2", RESIDENCY, "literacy coach", False),
    ("highline.partner_teacher", RESIDENCY, "teacher", False),
    ("highline.lea", "", "external consultant (CEL)", False),
    ("highline.director1", "", "central office leader (Elementary Director)", False),
    ("highline.office_coach", "", "central office literacy coach", False),
]
RESEARCHER = [("highline.researcher", "", "researcher (field notes)", False)]
FALL = ("During the first three half days of the studio/residency work at her school, Caryn observed as the external "
        "consultant Lea demonstrated read alouds with her students or conferred individually with targeted students "
        "during independent reading.")  # seed 000 ~421-423
FALL_QUESTIONS = [  # seed 000 ~426-432, posed by the team from Caryn's school at "one of the fall sessions"
    "Why do so many students who struggle to read fluently succeed in making meaning from text in a read aloud "
    "setting?",
    "What other strategies help students increase their reading fluency?",
    "What, in Lea’s opinion, accounts for the discrepancy Caryn notices between a student with low fluency and high "
    "comprehension and vice versa?",
    "How can a read aloud serve the purpose of helping students increase their fluency as well as develop higher "
    "level thinking skills about text?",
]
STUDIO = {"district": HL, "year": "2005-06", "kind": KIND.STUDIO, "network": PAIR, "host": OAK,
          "team": "Studio/residency group 2005-06", "length": LENGTH.HALF_DAY}

STUDIO_SESSIONS = [
    Visit(**STUDIO, title=f"Studio session {n} of 3 (fall 2005)", date=day,
          when="One of “the first three half days”, all in the fall of 2005 (inferred); the month and day are the "
               "demo's", lines="~409-438",
          lens="\n".join(FALL_QUESTIONS) if n == 1 else "",
          notes=FALL + (" At one of the fall sessions the team from Caryn’s school posed the questions above; the "
                        "seed does not say which session, and the demo shows them at the first. “The questions set "
                        "the lens for participants to observe as the external consultant conferenced with two of "
                        "Caryn’s students. Following the observations, the entire group of participants discussed "
                        "each student’s strengths and needs and potential instructional activities that Caryn might "
                        "try with them.”" if n == 1 else ""),
          people=STUDIO_GROUP)
    for n, day in enumerate([D(2005, 10, 19), D(2005, 11, 16), D(2005, 12, 7)], 1)
] + [
    Visit(**STUDIO, title="Studio session (January 2006): video of Caryn conferring", date=D(2006, 1, 18),
          when="January 2006; the day is the demo's", lines="~440-532",
          notes="“In January 2006 things changed. At this session, her team presented a brief video segment that "
                "featured Caryn conferring with one of her students.” After the video Lea asked: “Help me "
                "understand, though, what was your intention was [sic] when you conferenced with Tommy?” Caryn: “I "
                "don’t think I have enough intention. I just want to talk to the kid.” At a break Caryn asked her "
                "principal, “I have no idea what she’s talking about. Do you?” Her principal told her, “No.”",
          people=STUDIO_GROUP + RESEARCHER,
          observations=[("highline.researcher", V.DISTRICT, "Video segment: Caryn conferring with one of her students",
                         "In the segment, the child sat down beside Caryn with a bag of books and, at Caryn’s "
                         "request, selected and began reading a book. Caryn asked him questions such as what he liked "
                         "about the book and showed him the blurb on the back of the book.", "")]),
    Visit(**STUDIO, title="Last studio session (April 2006): new video, Sheryl coaching Caryn", date=D(2006, 4, 12),
          when="“the last studio session in April”, in the morning; the day is the demo's", lines="~607-648",
          lens="What would progress look like for this child?\nWhat would you expect that a proficient child could "
               "read, discuss, and write about at year end in 2nd grade?\nHow do you keep students motivated and "
               "interested?",
          notes="“A new video was shown that morning—Caryn, with Sheryl coaching her on the side, was in a reading "
                "conference with another student.” Caryn posed the questions above before the video was played. "
                "The external consultant is not named here; she is Lea by context.",
          people=STUDIO_GROUP + RESEARCHER,
          observations=[("highline.researcher", V.DISTRICT, "New video: Caryn (with Sheryl) conferring with a student",
                         "Caryn began the conference by giving the child positive feedback about his reading "
                         "progress. She asked him some conversational questions about the book (“I didn’t "
                         "understand; why was he in a race? What’s that about?”). During the conference, Sheryl "
                         "stepped in a few times to model the use of more open-ended questions such as: “What do you "
                         "think that means?”", "")]),
    Visit(**{**STUDIO, "kind": KIND.OTHER, "team": "", "length": ""},
          title="Caryn's classroom demonstration (May 2006): conferring and independent reading", date=D(2006, 5, 10),
          when="“About a month later” than the April session (May inferred); the day is the demo's", lines="~650-661",
          location="Caryn's 2nd-grade classroom",
          notes="Not a studio session. “Caryn again demonstrated student conferencing and independent reading—this "
                "time in her classroom before a group of her colleagues and a visiting team of professionals from "
                "another school district. There were about 10-12 adults in her room watching while she conducted two "
                "conferences with Sheryl at her side.” The observers are not named.",
          people=STUDIO_GROUP[:2]),
]

P10, P13, P20, P34, P23 = "P.S. 10 triad", "P.S. 13 triad", "P.S. 20 triad", "P.S. 34 cohort", "P.S. 23 triad"
IN_2014 = {"district": NYC, "year": "2014-15", "kind": KIND.SITE_VISIT}
PRINCIPALS_10_12 = [(f"nyc.ps{n}.principal", f"P.S. {n}", "principal", True) for n in (10, 12)]
PS21_MODEL_TEACHERS = [("nyc.ps21.mt12", "P.S. 21", "12th grade Model Teacher", False),
                       ("nyc.ps21.mt910", "P.S. 21", "9/10th grade Model Teacher", False)]
PS21_LENS = ["What structures, if any, promote student voice?",
             "Is the student voice effective in building and sustaining community and teaching college, career, and "
             "life skills?",
             "Do you have any suggestions for increasing/improving student voice?"]  # seed 004 ~5726-5729
PS24_CHECKLIST = "Instructor(s) are explicitly teaching an objective"  # seed 004 ~6030-6031
PERIOD = 45  # minutes in a class period: the demo's (seed 004 ~5811-5822 gives periods only)

LPP_VISITS = [
    Visit(**IN_2014, title="Triad site visit at P.S. 10: the partner teams reflect", date=D(2014, 10, 15),
          when="October 2014; the day is the demo's", lines="~5324-5378", network=P10, host="P.S. 10",
          length=LENGTH.FULL_DAY,
          notes="The triad's first site visit to the host school. “At the end of the site visit, both partner school "
                "teams engaged in a structured discussion where they reflected on what they had seen throughout the "
                "day, how it related to what they were hoping to achieve in their schools, and what practices they "
                "may consider adapting for their contexts.” The host school principal and two host school teachers "
                "joined each group; P.S. 12’s principal led her teachers’ discussion. “Teachers explained that they "
                "noted how there was little teacher talk and a lot of student work; that there were few digressions, "
                "and that students were highly engaged in the lessons they saw.” Through this discussion P.S. 12 "
                "turned to “establishing consistent teacher practices … as opposed to working on the more "
                "community-building aspects of school culture.”",
          people=PRINCIPALS_10_12,
          next_steps=[("Teacher planning and giving teachers more ownership over planning (“a major action item for "
                       "her school”)", "P.S. 12", "")],
          observations=[("nyc.ps12.principal", V.DISTRICT, "Lessons at P.S. 10",
                         "Teachers did not necessarily have intricately planned openings/connections in the lessons, "
                         "but they did have incredibly thought-through questions that presented learning points that "
                         "grew more sophisticated throughout the lessons.", "")]),
    Visit(**IN_2014, title="Site visit at P.S. 14: team-building, norms and balcony observers", date=D(2014, 10, 22),
          when="October 2014, “early in the school year”; the day is the demo's", lines="~5033-5056", network=P13,
          host="P.S. 14",
          notes="“Two partner school members led the teambuilding exercise” (commonalities): “lots of laughter within "
                "smaller groups … Every group found four commonalities – instead of three. The final group has "
                "five!” Then the group revisited the norms from the last full triad visit; the Facilitator asked for "
                "three “balcony observers” (an assistant principal, a teacher and an assistant principal) “to be sure "
                "the three tour groups are following the norms throughout the day”, and a volunteer read the "
                "guidelines for classroom visits aloud. The rest of the day is not described.",
          people=[(FACILITATOR, "", "Facilitator", False)]),
    Visit(**IN_2014, title="Site visit at P.S. 11: the principals meet over lunch", date=D(2014, 11, 19),
          when="November 2014; the day is the demo's", lines="~4904-4929", network=P10, host="P.S. 11",
          notes="The triad's second site visit. Over lunch P.S. 12’s principal said “her staff is struggling to see "
                "their own students represented in the other two schools”: “We have to show them success with those "
                "kids.” The host principal: “Instruction is universal, and good instruction is the same no matter "
                "where you are….” Later, at an impromptu meeting about upcoming visits, she said “she feels the need "
                "to protect her school and have her teachers feel safe getting feedback.”",
          people=PRINCIPALS_10_12),
    Visit(**IN_2014, title="Site visit at P.S. 12 (postponed a month)", date=D(2014, 12, 17), status=STATUS.POSTPONED,
          when="The month after November 2014 (inferred); the day is the demo's", lines="~4925-4931", network=P10,
          host="P.S. 12",
          notes="“After this initial expression of concern, the triad responded by postponing the site visit to P.S. "
                "12 for another month, and instead, returned to the host school.”"),
    Visit(**IN_2014, title="Site visit at P.S. 10 (in place of P.S. 12's)", date=D(2014, 12, 17),
          when="The slot of the postponed visit to P.S. 12 (inferred); the day is the demo's", lines="~4930-4931",
          network=P10, host="P.S. 10", notes="The triad “returned to the host school” instead of visiting P.S. 12."),
    Visit(**IN_2014, title="First site visit to P.S. 12: the observation tool of the ten practices",
          date=D(2015, 1, 21), when="A month after the postponed visit (January 2015, inferred); the day is the demo's",
          lines="~4931-4933, ~5893-5919", network=P10, host="P.S. 12",
          notes="“At the first site visit to P.S. 12, the visitors provided mostly positive feedback.” P.S. 12’s team "
                "had agreed on ten practices for the first 15 minutes of class (“everybody came up with the same "
                "10”) and made them into an observation tool; the seed does not list the ten.",
          requests=[("P.S. 12", "Complete our observation tool (our ten practices for the first 15 minutes of class) "
                                "as you observe classrooms.")]),
    Visit(**IN_2014, title="Final interschool site visit of the P.S. 13 triad, at P.S. 14", date=D(2015, 5, 20),
          when="The triad's final visit of 2014-15 (spring 2015 and P.S. 14 as host inferred); the day is the demo's",
          lines="~3861-3867", network=P13, host="P.S. 14",
          notes="“The observers from the other two schools saw some of the grade teams in action and then in their "
                "exchange of feedback afterwards, one teacher remarked” on the culture P.S. 14’s LPP team built.",
          feedback=[(GLOW, "“[The LPP team] established a culture where [teachers] can ask [each other] for help.”",
                     "Teacher leadership", "")]),
    Visit(district=NYC, year="2015-16", kind=KIND.TEAM_MEETING, title="P.S. 21 team plans the site visit it will host",
          date=D(2016, 3, 16), when="March 2016; the day is the demo's", lines="~5645-5716",
          team="P.S. 21 LPP team 2015-16",
          notes="“I’m hoping that we can do circles on 4/6 for the site visit – maybe even a few student-led circles.” "
                "The Facilitator reminded the team to develop a guiding question; the assistant principal's draft: "
                "‘What structures, if any, promote student voice? Is the student voice effective in building and "
                "sustaining community, creating CCLS, etc.? What other ways can we codify structures to create "
                "student voice?’ Timings: “So visitors could arrive at noon and eat lunch. Around 12.30, we can "
                "provide an overview of the observation schedule and figure out where each teacher goes.” "
                "Facilitator: “And then we can debrief at 3.00pm?” Assistant Principal: “Sounds perfect.”",
          people=[("nyc.ps21.ap", "P.S. 21", "assistant principal", True), *PS21_MODEL_TEACHERS,
                  (FACILITATOR, "", "Facilitator", False)],
          next_steps=[("Talk to student circle keepers to make sure that observations work for them as well",
                       "P.S. 21", "")]),
    Visit(district=NYC, year="2015-16", kind=KIND.SITE_VISIT, title="Site visit at P.S. 21: student-led circles and "
          "student voice", date=D(2016, 4, 6), starts_at=T(12, 0), length=LENGTH.HALF_DAY,
          when="April 6, 2016, read from “4/6” and the notes' “April 2016” (the visit held on the planned day is "
               "inferred); the timings are the plan's", lines="~5650, ~5690-5694, ~5717-5771, ~5856-5861, ~5930-5951",
          network=P20, host="P.S. 21", lens="\n".join(PS21_LENS),
          notes="“They began the day with a framing discussion led by the LPP team.” Students from the visiting "
                "partner school took part in the framing discussion of student voice; a Morningside representative "
                "attended. After feedback from the network “later in the day, P.S. 21 was able to develop next steps "
                "for promoting it consistently across classrooms.”",
          people=PS21_MODEL_TEACHERS + [("nyc.ps22.mt", "P.S. 22", "Model Teacher", False),
                                        ("nyc.morningside", "", "Morningside Center representative", False)],
          agenda=[("Visitors arrive and eat lunch", 30, "", "“So visitors could arrive at noon and eat lunch.”"),
                  ("Framing, then classroom visits and student-led circles", 150, "Guiding question (lens)",
                   "Framing – Explanation of what student voice means to us. How do you incorporate it in your "
                   "schools? What you will see in classroom visits. As you visit classrooms, please think about the "
                   "questions of the lens. “Around 12.30, we can provide an overview of the observation schedule and "
                   "figure out where each teacher goes.”"),
                  ("Debrief: feedback from the interschool network", 30, "",
                   "“And then we can debrief at 3.00pm?” The seed gives no end time: 30 minutes is the demo's."),
                  ("School team time: what are we taking back?", 15, "School team time",
                   "“What we've built in is this time at the end of each visit to sort of think what are we taking "
                   "back.” 15 minutes is the demo's.")],
          requests=[("P.S. 21", q) for q in PS21_LENS],
          next_steps=[("Next steps for promoting student voice consistently across classrooms (the seed does not "
                       "list them)", "P.S. 21", ""),
                      ("Plan a peer circle-keeper training series", "P.S. 22", "")]),
    Visit(district=NYC, year="2015-16", kind=KIND.TEAM_MEETING, title="P.S. 38 team plans the site visit it will host",
          date=D(2016, 3, 9), when="March 2016, “shortly before the site visit”; the day is the demo's",
          lines="~5777-5828", team="P.S. 38 LPP team 2015-16",
          notes="Seed label: [P.S. 38, School Team Meeting, March 2016]. “Model Teacher recaps last LPP team "
                "discussion: talked last time about getting other teachers involved in classroom visits.” “Who would "
                "make sense to visit? What are we looking for?” The team weighed framing the visit, the time a debrief "
                "takes and softer debrief questions (e.g., “What went well?”), and planned the visit's structure by "
                "periods (see the visit).",
          people=[("nyc.ps38.mt", "P.S. 38", "Model Teacher", False)],
          next_steps=[("On Monday grade team leaders should ask if anyone is focusing on student "
                       "discussion/differentiation strategies; also gauge interest from members of departments",
                       "P.S. 38", ""),
                      ("Frame the LPP visit in the content teams on Monday, potentially showing the [debriefing] "
                       "protocol", "P.S. 38", ""),
                      ("Send out a memo or email (a suggestion)", "P.S. 38", ""),
                      ("On Monday, determine who is interested in visiting classrooms", "P.S. 38", "")]),
    Visit(district=NYC, year="2015-16", kind=KIND.SITE_VISIT, title="Site visit hosted by P.S. 38: peer lesson "
          "observations", date=D(2016, 3, 23),
          when="Shortly after P.S. 38's March 2016 team meeting; the day is the demo's", lines="~5784-5864, ~7524-7528",
          network=P34, host="P.S. 38",
          lens="Host Model Teachers suggested “observing anyone trying to implement changes from the 2/1 PD because "
               "that will show the degree to which teachers are implementing the things that the LPP team has been "
               "talking about.”",
          notes="The visit P.S. 38's team planned in March 2016, with non-LPP teachers' lessons observed. The host "
                "school and the other partner school are bracketed out in the seed; P.S. 34 (the host of P.S. 38's "
                "LP plus network) is inferred. “The team ultimately used a lesson observation debriefing protocol "
                "provided by a district “Teacher Effectiveness Coach”.”",
          agenda=[("Morning: observe a lesson for a full period", PERIOD, "Low-inference observation",
                   "“Model Teacher suggests a morning observation for a full period, followed by a debrief with the "
                   "teachers, and then a re-debrief without the teachers later on”"),
                  ("4th period: debrief of the lessons with P.S. 38 staff", PERIOD,
                   "Lesson observation debriefing protocol (Teacher Effectiveness Coach)",
                   "[Host school] and [other partner school] will silently observe"),
                  ("5th period: the host school and the other partner school join", PERIOD, "",
                   "P.S. 38 will decide what specifically they want feedback on.")]),
    Visit(district=NYC, year="2016-17", kind=KIND.SITE_VISIT, title="Site visit at P.S. 24: explicit instruction, "
          "glows and grows", date=D(2017, 2, 15),
          when="February 2017; the day is the demo's (that the checklist was used at this visit is inferred)",
          lines="~6020-6076", network=P23, host="P.S. 24",
          lens=f"Explicit instruction practices: visitors check whether practices such as “{PS24_CHECKLIST}” are "
               "observed or not observed.",
          notes="“At the beginning of one of the site visits hosted by P.S. 24, the instructional coach described "
                "“explicit instruction practices,” which the LPP team had been working on with non-LPP teachers.” "
                "After the observations “the group transferred the “data” to color-coded post-its that were placed "
                "on separate charts for “grows” and “glows.”” The principal “sees the impact of the PD from the "
                "feedback they received, but still working on how to use the data to make these student groups more "
                "effective; “what do you think our next steps are?”” Decisions on the next steps were made at the "
                "following team meeting.",
          people=[("nyc.ps24.principal", "P.S. 24", "principal", True),
                  ("nyc.ps24.ap", "P.S. 24", "assistant principal", True),
                  ("nyc.coach", "P.S. 24", "instructional coach", False),
                  ("nyc.ps23.principal", "P.S. 23", "principal (host school)", True),
                  ("nyc.ps45.ap", "P.S. 45", "assistant principal", True)],
          agenda=[("The instructional coach describes explicit instruction practices", 15, "Glow and grow",
                   "The coach passed out the note-taking template and asked visitors to complete it."),
                  ("Observations with the note-taking template", 60, "Low-inference observation",
                   f"Observed or not observed, e.g. “{PS24_CHECKLIST}”."),
                  ("Glows and grows: post-its on charts; the principal and AP read the patterns", 40, "Glow and grow",
                   "")],
          requests=[("P.S. 24", f"“{PS24_CHECKLIST}”: observed or not observed? (one practice of the note-taking "
                                "template; the rest is not in the seed)")],
          feedback=[(GLOW, "[Teachers] are differentiating, posting objectives and using groups – they have the "
                           "foundation and structure", "", ""),
                    (GROW, "Training staff and working with staff, engagement with students, very teacher driven",
                     "", ""),
                    (GROW, "Questioning, think alouds [verbally narrating the thinking expected of students]", "", ""),
                    (GROW, "Teachers need to talk less so students could talk more, peer to peer", "", "P.S. 45"),
                    (GROW, "That’s part of lesson planning, asking questions that would make students engage", "",
                     "P.S. 23")],
          next_steps=[("Using data to plan lessons for group instruction", "P.S. 24", ""),
                      ("PD for paras and for teachers using paras", "P.S. 24", "nyc.coach"),
                      ("Think alouds", "P.S. 24", ""),
                      ("Questions in the lesson plan", "P.S. 24", "")],
          observations=[("nyc.coach", V.PRIVATE, "The glows chart",
                         "There’s only one post it about teachers taking data; glows are mostly teacher behavior, "
                         "little about student; very little about student behavior.", "P.S. 24 LPP team 2016-17")]),
    Visit(district=NYC, year="2016-17", kind=KIND.TEAM_MEETING,
          title="P.S. 8 team reflects on collaboration after its lesson study", date=D(2017, 3, 2),
          when="March 2, 2017 (the seed's date)", lines="~6119-6211", team="P.S. 8 LPP team 2016-17",
          notes="After observing two team members' lessons that attempted to include collaboration, and after a "
                "problem of practice consultancy protocol with the visiting schools in the interschool network. MT 2 "
                "recalled the site visit: “the feedback they were giving us…. swung back to our yearlong goal.” The "
                "list the note-taker wrote: Should be authentic – what does that mean? Teacher should model; student "
                "modeling. There should be reflection. Shouldn’t be new material when activity is one student "
                "helping another. The goal of collaboration should not be shared with an academic goal. Take "
                "classroom dynamics into consideration. Celebrate positive examples. Make sure students know how to "
                "start.",
          people=[("nyc.teacher", "P.S. 8", "ELA Model Teacher (MT 1)", False),
                  ("nyc.ps8.mt2", "P.S. 8", "Math Model Teacher (MT 2)", False),
                  ("nyc.ps8.mt3", "P.S. 8", "Model Teacher (MT 3)", False),
                  ("nyc.ps8.ap", "P.S. 8", "assistant principal", True)]),
    Visit(district=NYC, year="2016-17", kind=KIND.SITE_VISIT, title="Final interschool site visit of the P.S. 23 "
          "triad: what each school learned", date=D(2017, 5, 17), when="May 2017; the day is the demo's",
          lines="~5405-5412", network=P23,
          notes="“Each school team presented what they had learned through LPP.” Before P.S. 24’s presentation its "
                "principal said: “As a new principal, I had so much learning to do.” The host school and who else "
                "attended are not recorded.",
          people=[("nyc.ps24.principal", "P.S. 24", "principal", True)]),
]
# -- The program's own meetings and events (seed 004) and SOAR's meetings (seed 001) -------------------------------

IN_2014_15 = {"district": NYC, "year": "2014-15"}
FACILITATORS_WEEKLY = (
    "Facilitators meet weekly at the central office, where they align on their work. They bring suggested agenda "
    "templates, protocols and activity ideas to the site visits of all participating schools, which ensures some "
    "consistency across them. What was said at a particular meeting is not recorded.")  # seed 004 ~3252-3256
AT_ORIENTATIONS = ("The LPP Framework is distributed to schools at program orientations, and program officials repeat "
                   "the tagline “The Answer is in the Room” at orientation and training sessions.")  # ~3075, ~3607-3609
CYCLES_INTRODUCED = ("Schools are introduced to the Cycles of Learning at a “School Team Orientation” the summer "
                     "before the school year begins, where Facilitators explain the stages and walk teams through a "
                     "case study of a school in LPP.")  # seed 004 ~3499-3502
EVERY_FACILITATOR_THERE = [(EVERY_FACILITATOR, "", "Facilitator", False)]
SHARE_FAIR = ("Participants across the program present what they have accomplished in LPP in posters and PowerPoint "
              "presentations.")  # seed 004 ~2177-2179
HOST_PRINCIPALS = (
    "Centrally provided training for host principals, led by a professor from Harvard University. Host principals "
    "have no formal authority over partner principals and must come up with suggestions the partner principals "
    "would want to take: the trainings addressed these facilitative leadership skills. P.S. 13's principal, in March "
    "2015, spoke of “working with the other host principals at the [central PD] sessions we've had and the meetings "
    "we've had between.”")  # seed 004 ~4333-4343, ~4594-4598
HOST_TRAINING_PEOPLE = [("nyc.teitel", "", "led the training (Harvard University)", False),
                        ("nyc.ps13.principal", "P.S. 13", "host principal", True)]
LEARNING_SERIES = (  # seed 004 ~2183, ~3544-3545
    "The program offers a “professional learning series” for Model Teachers and for principals and assistant "
    "principals on leadership development and inquiry. The research team observed three Model Teacher training "
    "sessions in 2016-17; what was done at each is not described.")
PS13_JOURNEY = (  # seed 004 ~4513-4527, the field notes [P.S. 13 Site Visit, October 2014]
    "6 years ago the school used to have a top-down culture with little buy-in. Compliance was a motivator. Grade "
    "teams existed “on paper only.” Team meetings were lists of items, all administrative. Meeting purposes were "
    "frequently questioned. Teachers planned in isolation (now teachers share information to ease work).... No "
    "school-wide curriculum existed initially, and the only focus was academic – “whipping kids into shape.” "
    "Students rebelled and felt as if no one cared for them and confrontations between teachers and students "
    "occurred often…. The host AP for middle school recited a Mark Twain quote – “For a man who loves his hammer, "
    "his only solution to every problem is a nail.” Students had no voice in their experience and there existed no "
    "support systems for conflict. Suspension rates were high. Advisory was planned and programmed, but not "
    "implemented… A major point of emphasis in the [social-emotional learning] SEL changes was the branding of the "
    "school as a “Safe place where students wanted to come every day.”")

PROGRAM_EVENTS = [
    *[Visit(**IN_2014_15, kind=KIND.FACILITATORS, title=f"Facilitators' weekly meeting ({day:%B %-d, %Y})",
            date=day, when="Weekly, at the central office; the week and the day are the demo's", lines="~3250-3256",
            team=FACILITATORS_TEAM, location="Central office", notes=FACILITATORS_WEEKLY)
      for day in (D(2014, 9, 12), D(2014, 9, 19), D(2014, 9, 26), D(2014, 10, 3))],
    Visit(**IN_2014_15, kind=KIND.ORIENTATION, title="Summer orientation 2014: the learning stance and the journey "
          "story", date=D(2014, 8, 20), when="Summer 2014; the month and day are the demo's",
          lines="~3075, ~3607-3609, ~3818-3824, ~4584-4590, ~5228-5240",
          notes="Many participants were introduced to the “learning stance”: they “read an excerpt from an interview "
                "with Alan Blankstein (2011) explaining the importance of the learning stance and were asked what "
                "steps they can take to maintain one.” (The activity was not repeated in the following years.) "
                "Program officials provided written guidance on choosing school team members by four sets of "
                "criteria: “stance”, “expertise”, “diversity” and “leverage”. Facilitators met with school teams and "
                "led them through a “visioning” activity: a template with columns for the school's past state in its "
                "learning focus area, how it got to its current state, its current state and its vision (the journey "
                "story). " + AT_ORIENTATIONS,
          people=EVERY_FACILITATOR_THERE),
    Visit(district=NYC, year="2015-16", kind=KIND.ORIENTATION, title="School Team Orientation, summer 2015: the "
          "Cycles of Learning", date=D(2015, 8, 19), when="Summer 2015, before the program's second year; the month "
          "and day are the demo's", lines="~3075, ~3499-3502, ~3607-3609, ~5189-5194",
          notes=CYCLES_INTRODUCED + " The Program Director addressed the incoming cohort: “The processes are what "
                "will bind us together, not the actual work, because you will be deciding the work.” "
                + AT_ORIENTATIONS,
          people=EVERY_FACILITATOR_THERE),
    Visit(district=NYC, year="2016-17", kind=KIND.ORIENTATION, title="School Team Orientation, summer 2016: the "
          "Cycles of Learning", date=D(2016, 8, 17), when="Summer 2016, before the program's third year; the month "
          "and day are the demo's", lines="~2183, ~3075, ~3499-3502, ~3607-3609",
          notes=CYCLES_INTRODUCED + " " + AT_ORIENTATIONS, people=EVERY_FACILITATOR_THERE),
    *[Visit(district=NYC, year=year, kind=KIND.SHARE_FAIR, title=title, date=day, when=when, lines="~2176-2181",
            notes=SHARE_FAIR)
      for year, title, day, when in [
          ("2014-15", "Share Fair (2014-15, the first of two)", D(2015, 1, 28),
           "One of the two Share Fairs of 2014-15; the month and day are the demo's"),
          ("2014-15", "Share Fair (2014-15, the second of two)", D(2015, 6, 3),
           "One of the two Share Fairs of 2014-15; the month and day are the demo's"),
          ("2015-16", "Share Fair (2015-16)", D(2016, 6, 1),
           "The Share Fair of 2015-16; the month and day are the demo's")]],
    *[Visit(**IN_2014_15, kind=KIND.TRAINING, title=f"Host principal training (2014-15, the {nth} of two)", date=day,
            when="One of the two host principal trainings of 2014-15, both before March 2015 (inferred); the month "
                 "and day are the demo's", lines="~2176-2177, ~4333-4343, ~4594-4598", notes=HOST_PRINCIPALS,
            people=HOST_TRAINING_PEOPLE)
      for nth, day in (("first", D(2014, 11, 12)), ("second", D(2015, 2, 11)))],
    *[Visit(district=NYC, year="2016-17", kind=KIND.TRAINING,
            title=f"Model Teacher training, professional learning series ({n} of the three observed in 2016-17)",
            date=day, when="2016-17; the month and day are the demo's", lines="~2182-2183, ~3544-3545",
            notes=LEARNING_SERIES)
      for n, day in enumerate((D(2016, 11, 9), D(2017, 1, 11), D(2017, 4, 5)), 1)],
    Visit(**IN_2014_15, kind=KIND.SITE_VISIT, title="Site visit at P.S. 13: the host school's journey story",
          date=D(2014, 10, 8), when="October 2014, before the visit to P.S. 14 that month (inferred); the day is the "
          "demo's", lines="~4506-4530", network=P13, host="P.S. 13",
          notes="At many initial site visits, Facilitators helped school teams prepare and present “journey stories” "
                "that explained challenges they overcame to get to their current state, and often what they hoped to "
                "achieve. Here the host school team “presented a PowerPoint and described the development of "
                "leadership and social-emotional learning practices in the school.” The field notes paraphrase the "
                "team's remarks: “" + PS13_JOURNEY + "” Such honesty about the prior struggles of host schools was "
                "common.",
          people=[("nyc.ps13.ap", "P.S. 13", "assistant principal for middle school (host)", True)],
          agenda=[("The host school team's journey story (a PowerPoint)", 30, "Journey story",
                   "The development of leadership and social-emotional learning practices in the school. 30 minutes "
                   "is the demo's.")]),
]

IN_DESIGN, IN_DEVELOPMENT = {"district": SOAR, "year": "2012-13"}, {"district": SOAR, "year": "2013-14"}
DESIGN_TEAM = {"kind": KIND.DESIGN_TEAM, "team": "District design team", "length": LENGTH.FULL_DAY}
WITH_THE_DESIGN_TEAM = {"kind": KIND.IMPLEMENTATION_TEAM, "length": LENGTH.FULL_DAY}
TWO_DAYS = "A two-day meeting (the demo shows its first day)."  # seed 001 ~100, ~138
SOAR_MEETINGS = [
    Visit(**IN_DESIGN, **DESIGN_TEAM, title="District design team: the first meeting on the design challenge",
          date=D(2013, 2, 13), when="February 2013, when the design phase began (inferred); the day is the demo's",
          lines="~76-82, ~100, ~120-122, ~331",
          notes="Design team members were “brought together to create an innovation to improve student ownership "
                "for the “average” student in the district.” At monthly meetings they learned about practices that "
                "could improve student responsibility from program developers and researchers, conducted a needs "
                "assessment to identify specific student needs, and then designed an initial SOAR innovation. An "
                "at-large member recalled: “The challenges, at the beginning, just not knowing exactly what. We kept "
                "saying, well, what is it we're doing? What is the what?” " + TWO_DAYS),
    Visit(**IN_DESIGN, **DESIGN_TEAM, title="District design team: a late session of the design phase",
          date=D(2013, 6, 12), when="“a late session in the design process” (February to August 2013); the month "
          "and day are the demo's", lines="~82, ~100, ~124, ~331",
          notes="A teacher-leader from Forest Glen remarked: “It’s really difficult for me to separate the innovation "
                "from implementation... I feel like it’s such an abstract concept, without discussing implementation "
                "as well what the concept really is.” By the end of the design phase the team had narrowed the focus "
                "of the SOAR innovation to practices that fostered growth mindset, developed student problem solving "
                "skills, and improved student engagement. " + TWO_DAYS,
          people=[("soar.rebecca", "Forest Glen High School", "teacher-leader (design team)", False)]),
    Visit(**IN_DEVELOPMENT, **WITH_THE_DESIGN_TEAM, title="Two-day meeting: the school implementation teams learn "
          "about SOAR", date=D(2013, 8, 6), when="“at the beginning of the 2013-2014 school year”; the days are the "
          "demo's", lines="~84-86, ~138-140",
          notes="The first formal opportunity for the school teams to learn about SOAR: the district design team "
                "shared its preliminary innovation with the newly formed school implementation teams. “Through "
                "presentations by program developers, research team members, and district design team members, new "
                "participants were taught about the general problem orientation meant to focus their work”, the core "
                "elements that defined the design challenge and the emergent practices of the SOAR innovation. A "
                "member from Valley High School referenced the core elements as the “guiding piece” of “what needs "
                "to be going on within a school to enable student ownership and responsibility.” A researcher "
                "reviewed “8 Strategies to Build Growth Mindset.” " + TWO_DAYS,
          people=[("soar.ken", "Valley High School", "Valley implementation team", False),
                  ("soar.renee", "", "researcher", False)]),
    Visit(**IN_DEVELOPMENT, **WITH_THE_DESIGN_TEAM, title="Spring session: Desert Grove shares “Think It Out”",
          date=D(2014, 4, 30), when="“one of the sessions in the spring” of 2013-14; the day is the demo's",
          lines="~174, ~182-186",
          notes="“By the spring of the 2013-2014 school year, teams were given more time to plan with their school "
                "group, alongside more structured sharing procedures.” Desert Grove's school implementation team "
                "presented its experiences in developing the “Think It Out” behavioral reflection form and how it had "
                "evaluated its uptake and utility: feedback from a sample of students, with and without disciplinary "
                "infractions, found that even students who were not getting in trouble preferred for their classmates "
                "to remain in class. Not all teachers had adopted the form, but it helped create a common language "
                "for students and teachers to talk about discipline. The description “elicited much interest from "
                "the other schools.”",
          people=[(f"soar.{key}", "Desert Grove High School", "Desert Grove implementation team", False)
                  for key in ("jillian", "kevin")]),
    Visit(**IN_DEVELOPMENT, **WITH_THE_DESIGN_TEAM, title="District meeting: Valley's professional development on "
          "mindsets", date=D(2014, 5, 28), when="Before the 2014-15 school year (read from the passage); the month "
          "and day are the demo's", lines="~196-200",
          notes="Valley's team described how it taught its staff about growth and fixed mindsets: “they pulled quotes "
                "from a growth mindset book, showed a video on neuroplasticity, and used a handout of examples of "
                "appropriate praise language that targeted growth mindset and not innate ability.” After the "
                "presentation a Desert Grove team member asked: “Looking back, would you have preferred to have done "
                "the PD as a whole group or small groups?” The answer: “Small groups would have been best. Teachers "
                "would have time to practice, speak up and ask questions.”",
          people=[("soar.jillian", "Desert Grove High School", "Desert Grove implementation team", False),
                  ("soar.riley", "Valley High School", "Valley implementation team", False)]),
]
VISITS = STUDIO_SESSIONS + LPP_VISITS + PROGRAM_EVENTS + SOAR_MEETINGS

# Norms: district, team, network (year, name), texts, agreed on, seed lines, reviews [(date, outcome, note)].
NORMS = [
    (NYC, "", ("2014-15", P13),
     ["Time and Attendance: We will start on time, come prepared, and stay for the duration of the meeting – within "
      "the constraints of our school.",
      "Listening and Communicating: Team members agree to respect all opinions and ideas, to be active listeners, "
      "to stay on topic, that all voices will be heard",
      "Participation: Be an active participant and encourage everyone to participate.",
      "Expectations: We will take the work seriously by holding ourselves and each other accountable to the work.",
      "Decision-Making: All decisions grounded on what is best for students!",
      "Evaluation: Periodically revisit the norms to see if any should be revised. All group members are "
      "responsible for enforcing the norms."], D(2014, 9, 24), "~4985-5010",
     [(D(2014, 10, 22), m.NormReview.Outcome.KEPT,
       "Revisited at the site visit at P.S. 14: the Facilitator reiterated the process and the norms the group "
       "agreed upon, and three “balcony observers” watched that the three tour groups followed them throughout the "
       "day.")]),  # seed 004 ~5047-5054
    (NYC, "P.S. 8 LPP team 2016-17", None,
     ["Prepare agenda 24 hours in advance", "Complete all pre-work", "Don’t hog the mike",
      "Listen without a plan in your head", "Complete next steps"], D(2016, 9, 21), "~3188-3192", []),
]


def load(ctx):
    districts = {name: org.District.objects.get(short_name=name) for name in SEEDS}
    for district, key, name, kind, school, start, designation, title, organisation in PEOPLE:
        d = districts[district]
        where = org.School.objects.get(district=d, name=school) if school else None
        position(person(d, name, key=key), kind, school=where, start=start, designation=designation, title=title,
                 organisation=organisation)
    protocols = {}
    for district, name, purpose, steps, minutes, lines in PROTOCOLS:
        protocols[district, name] = m.Protocol.objects.update_or_create(
            district=districts[district], name=name, defaults={
                "purpose": purpose, "steps": "\n".join(steps), "minutes": minutes,
                "source": f"{SEEDS[district]} {lines}"})[0]
    for district, name, kind, items in TEMPLATES:
        template = m.AgendaTemplate.objects.update_or_create(district=districts[district], name=name,
                                                             defaults={"kind": kind})[0]
        _sync(template.items, [m.AgendaTemplateItem.objects.update_or_create(
            template=template, position=i, defaults={"protocol": protocols[district, p], "minutes": minutes})[0]
            for i, (p, minutes) in enumerate(items)])
    for district, names in CATEGORIES:
        for name in names:
            m.FeedbackCategory.objects.get_or_create(district=districts[district], name=name)
    for district, values in RULES:
        m.Rules.objects.update_or_create(district=districts[district], defaults=values)
    nyc = districts[NYC]
    team(nyc, FACILITATORS_TEAM, org.Team.Kind.COMMUNITY_OF_PRACTICE, cadence="Weekly", members=[
        (f, org.TeamMembership.Role.MEMBER) for f in org.Person.objects.filter(
            district=nyc, positions__kind=K.FACILITATOR).distinct().order_by("pk")])
    ctx["visits.meetings"] = {v.title: _meeting(districts[v.district], v, protocols) for v in VISITS}
    for spec in NORMS:
        _norms(districts[spec[0]], *spec[1:])
    data_notes(districts[NYC], SEED_004, NYC_NOTES)
    data_notes(districts[HL], SEED_000, HIGHLINE_NOTES)
    data_notes(districts[SOAR], SEED_001, SOAR_NOTES)


def _sync(related, kept):
    """Remove what the demo no longer holds (so that a changed text does not leave its old row behind)."""
    related.exclude(pk__in=[obj.pk for obj in kept]).delete()


def _who(d, key, network):
    if key == FACILITATOR:
        return network.facilitators.get()
    return org.Person.objects.get(district=d, email=f"{key}@demo.districtlab.org")


def _attendees(d, rows, network):
    """``(person, school, role, leader)`` for each row of a visit's ``people``; ``EVERY_FACILITATOR`` stands for
    each member of the Facilitators' team."""
    for key, school, role, leader in rows:
        everyone = org.Person.objects.filter(team_memberships__team__district=d,
                                             team_memberships__team__name=FACILITATORS_TEAM).distinct()
        for who in everyone if key == EVERY_FACILITATOR else [_who(d, key, network)]:
            yield who, school, role, leader


def _meeting(d, v: Visit, protocols):
    """The meeting and what was recorded at it, found again on the next load by its title."""
    year = org.SchoolYear.objects.get(district=d, name=v.year)
    schools = {s.name: s for s in org.School.objects.filter(
        district=d, name__in={v.host} | {row[1] for row in v.people + v.requests + v.next_steps}
        | {row[3] for row in v.feedback})}
    network = org.Network.objects.get(district=d, school_year=year, name=v.network) if v.network else None
    team = org.Team.objects.get(district=d, name=v.team) if v.team else None
    meeting, _ = m.Meeting.objects.update_or_create(district=d, title=v.title, defaults={
        "school_year": year, "kind": v.kind, "date": v.date, "starts_at": v.starts_at, "length": v.length,
        "status": v.status, "network": network, "team": team, "host": schools.get(v.host), "location": v.location,
        "lens": v.lens, "notes": f"When: {v.when}.\n{v.notes}".strip(), "source": f"{SEEDS[v.district]} {v.lines}",
        "synthetic": False})
    meeting.clean()  # a site visit has its network, a team meeting its team
    if network is None and team is not None and team.school_id:  # a team meeting's Facilitator: its network's
        network = org.NetworkMembership.objects.network_of(team.school_id, year)
    _sync(meeting.attendance, [m.Attendance.objects.update_or_create(
        meeting=meeting, person=who, defaults={
            "school": schools.get(school), "role": role, "leader": leader, "attended": True})[0]
        for who, school, role, leader in _attendees(d, v.people, network)])
    _sync(meeting.agenda, [m.AgendaItem.objects.update_or_create(meeting=meeting, position=i, defaults={
        "title": title, "minutes": minutes, "protocol": protocols.get((v.district, protocol)), "notes": notes})[0]
        for i, (title, minutes, protocol, notes) in enumerate(v.agenda)])
    _sync(meeting.feedback_requests, [m.FeedbackRequest.objects.update_or_create(
        meeting=meeting, school=schools[school], question=question)[0] for school, question in v.requests])
    _sync(meeting.feedback, [m.Feedback.objects.update_or_create(meeting=meeting, kind=kind, text=text, defaults={
        "category": m.FeedbackCategory.objects.get(district=d, name=category) if category else None,
        "to_school": meeting.host, "from_school": schools.get(source)})[0]
        for kind, text, category, source in v.feedback])
    _sync(meeting.next_steps, [m.NextStep.objects.update_or_create(meeting=meeting, text=text, defaults={
        "school": schools[school], "owner": _who(d, owner, network) if owner else None, "due": None,
        "done_on": None})[0] for text, school, owner in v.next_steps])
    _sync(meeting.observations, [m.Observation.objects.update_or_create(
        meeting=meeting, author=_who(d, author, network), text=text, defaults={
            "district": d, "visibility": visibility, "where": where, "school": meeting.host, "network": network,
            "team": org.Team.objects.get(district=d, name=team_name) if team_name else None})[0]
        for author, visibility, where, text, team_name in v.observations])
    return meeting


def _norms(d, team_name, network_key, texts, agreed_on, lines, reviews):
    team = org.Team.objects.get(district=d, name=team_name) if team_name else None
    network = org.Network.objects.get(district=d, school_year__name=network_key[0],
                                      name=network_key[1]) if network_key else None
    for text in texts:
        norm, _ = m.Norm.objects.update_or_create(district=d, team=team, network=network, text=text, defaults={
            "status": m.Norm.Status.AGREED, "agreed_on": agreed_on, "source": f"{SEED_004} {lines}"})
        norm.clean()
        _sync(norm.reviews, [m.NormReview.objects.update_or_create(norm=norm, date=day, defaults={
            "outcome": outcome, "note": note})[0] for day, outcome, note in reviews])


# (kind, subject, kept, other, seed lines, note)
NYC_NOTES = [
    ("conflict", "How often school teams meet", "Every two weeks (biweekly): the rules' 14-day gap",
     "“weekly team meetings”; “within schools on a weekly basis”", "~3224-3225, ~3735, ~3757-3765; ~4576-4577, "
     "~6613-6614", "The Framework and MOU, as the author paraphrases them, say teams “meet at least twice each "
     "month” (~3163-3167); the only MOU words the seed quotes are about consistent membership (~3765-3768)."),
    ("reading", "How many site visits a year", "Monthly full- or half-day site visits", "",
     "~3227-3229; ~5946-5947", "P.S. 21's assistant principal's “leave their school for an entire day and do that 11 "
     "times a year—or whatever it is” approximates the monthly visits of a school year. The same triad planned a "
     "visit from noon to a 3:00 pm debrief."),
    ("conflict", "Principals' meetings observed in 2014-15", "", "prose: “nine principals meetings”; Table 6: 0 "
     "(and 9 in 2015-16)", "~2176-2177; ~2194-2197, ~2223", "The demo loads no count of observed meetings."),
    ("reading", "The “P.S. 34 March 2016 plan”", "P.S. 38's school team meeting, March 2016, planning the site "
     "visit P.S. 38 hosted in P.S. 34's LP plus network", "Called the “P.S. 34 March 2016 plan” in the notes on the "
     "seeds (not a seed)", "~5784-5785; ~7524-7528",
     "The seed labels the field notes [P.S. 38, School Team Meeting, March 2016] and brackets the host school out; "
     "that the host is P.S. 34 is read from Appendix C."),
    ("reading", "P.S. 21's guiding questions", "The April 2016 agenda's three questions",
     "The assistant principal's March draft: “… creating CCLS, etc.? What other ways can we codify structures to "
     "create student voice?”", "~5726-5729; ~5683-5686", "A revision, not a contradiction."),
    ("reading", "Whose principal spoke at P.S. 11's site visit, November 2014", "P.S. 12's principal",
     "The label “[P.S. 12 (other partner school)’s] principal” at a visit to “the other partner school”",
     "~4904-4909", "Both schools are “the other partner school” from different viewpoints."),
    ("reading", "The P.S. 10 triad's visits from November 2014 to January 2015",
     "Postponed visit to P.S. 12 and the return to P.S. 10 in December 2014; first visit to P.S. 12 in January 2015",
     "", "~4930-4933", "The seed says only that the visit was postponed “for another month” and the triad “returned "
     "to the host school”; the months are inferred."),
    ("reading", "Which site visit used P.S. 24's checklist", "The February 2017 visit",
     "“one of the site visits hosted by P.S. 24”", "~6026-6034",
     "The checklist and the February 2017 field notes are one continuous passage."),
    ("reading", "Host of the P.S. 13 triad's final visit", "P.S. 14, spring 2015", "", "~3864-3867",
     "The observers “saw some of the grade teams in action” at “this school” (P.S. 14); neither host nor month is "
     "stated."),
    ("gap", "P.S. 12's “same 10” practices", "Not listed", "", "~5893-5919; ~7423-7431",
     "The seed never lists them. Appendix C names common routines for the first 15 minutes, checks for understanding "
     "and the gradual release of responsibility model, which may be among them."),
    ("gap", "District holidays, 2016-17", "None", "", "—",
     "Seed 004 states no school holidays or recesses, so the demo blocks no dates."),
    ("reading", "The trend categories", "SEL, Teacher leadership, Student leadership as the district's feedback "
     "categories", "Set for one triad's debrief, “aligned with the triad’s LFAs”", "~4810-4812",
     "The seed names no program-wide list. The demo tags the glow at P.S. 14's final visit Teacher leadership; P.S. "
     "24's glows and grows fit none of the three and are uncategorised."),
    ("reading", "The six triad norms", "The P.S. 13 triad's, 2014-15, kept at the P.S. 14 visit",
     "“one triad's first meeting” (not named)", "~4985-5010; ~5047-5052",
     "The P.S. 14 visit's notes say that triad came to norms through discussion and voting, so it may be the same "
     "triad; the seed does not say so. The votes are not given; the day agreed (September 2014) is the demo's."),
    ("synthetic", "P.S. 8's team norms", "Given to P.S. 8's 2016-17 team, agreed September 2016",
     "Examples of school teams' norms in general", "~3188-3192", "The team and the date are the demo's."),
    ("synthetic", "P.S. 24's next steps, February 2017", "The four next steps in the field notes' words, for P.S. 24",
     "", "~6069-6071", "The seed gives no owner or due date; the demo leaves the due dates empty and gives one "
     "step, “PD for paras and for teachers using paras”, to the P.S. 24 coach sign-in so that the home page's next "
     "steps card shows it. Who “wraps up” is not said (P.S. 24's principal is likely)."),
    ("synthetic", "Days of the seeds' meetings and visits", "A Wednesday in the month the seed gives or implies",
     "", "~3861-3867, ~4904-5056, ~5324-5412, ~5645-5864, ~6020-6076",
     "Only P.S. 8's team meeting (March 2, 2017) and P.S. 21's visit (“4/6”) have days in the seed. Each "
     "meeting's notes say what the seed gives."),
    ("synthetic", "Facilitators, the instructional coach and the people at visits", "The network's Facilitator "
     "in the demo; the P.S. 24 coach sign-in; other people by role, “(unnamed in the seed)”",
     "The field notes do not name the Facilitator at a visit (“she” at P.S. 14, “he” at P.S. 21); P.S. 24's "
     "instructional coach is “he”", "~5047-5054, ~5645-5694, ~6026-6029",
     "Attendance lists only people the field notes place there. Where the seed does not tie a Facilitator to the "
     "network (see “Facilitators the seed names”), the network's Facilitator is the demo's."),
    ("synthetic", "Protocol and agenda minutes", "The demo's", "", "~3250-3255; ~5690-5694; ~5811-5822",
     "The seed gives no minutes for any protocol. P.S. 21's visit keeps the plan's clock times (noon, about 12:30, "
     "3:00 pm; the debrief's and team time's lengths are the demo's); P.S. 38's plan gives class periods, taken as "
     "45 minutes each; P.S. 24's agenda keeps the field notes' order with the demo's minutes."),
    ("reading", "Text extraction artefacts in the visits", "thought-through; list markers (•, o) dropped",
     "“thoughtthrough” as extracted", "~5347; ~5036-5054, ~6037-6071",
     "Bracketed insertions are the seed's and are kept."),
    ("conflict", "Program-wide events and Facilitator sessions observed",
     "The prose: in 2014-15 three program-wide events (the school teams' orientation and two Share Fairs) and eight "
     "Facilitator meetings; in 2015-16 two program-wide events (the orientation and one Share Fair) and one "
     "Facilitator training", "Table 6: program-wide events 4 (2014-15) and 3 (2015-16); its column “Facilitator "
     "trainings” 8 (2014-15) and 2 (2015-16)", "~2176-2181; ~2186-2262",
     "The demo loads the events the prose names (orientations and Share Fairs) and reads the eight Facilitator "
     "meetings as the weekly meetings at the central office. 2016-17 agrees (one program-wide event, one Facilitator "
     "training, three Model Teacher trainings)."),
    ("synthetic", "Days of the program's own events", "The demo's: orientations mid-August; Share Fairs, host "
     "principal trainings and Model Teacher sessions on Wednesdays; the Facilitators' weekly meetings on four Fridays "
     "from September 12, 2014", "", "~2176-2183, ~3250-3256, ~3499-3502, ~4584, ~4594-4598, ~5189, ~5230",
     "The seed gives the orientations' season (summer) and year, the years of the Share Fairs and trainings, and "
     "that Facilitators met weekly. The host principal trainings are put before P.S. 13's principal's interview of "
     "March 2015, which speaks of them as past. Four weeks stand for the weekly series; each meeting's notes say what "
     "the seed gives. An orientation belongs to the school year it opens (Table 6 counts 2014-15's that year)."),
    ("reading", "The summer orientations", "One a summer: 2014's holds the learning-stance reading, the "
     "team-selection guidance and the visioning (journey story) template; 2015's the Cycles of Learning and the "
     "Program Director's address; 2016's the Cycles of Learning", "“a program orientation in the summer of 2014”; “a "
     "summer orientation for program participants in 2014”; “at a 2014 orientation”; “a “School Team Orientation” the "
     "summer before the school year began” (the second two years); “a summer orientation for LPP before the start of "
     "the second year of the program (2015-2016)”", "~4584-4587; ~3818-3824; ~5230-5232; ~3499-3501; ~5189-5190",
     "The seed does not say that these passages describe the same events; the prose counts one orientation a year "
     "(2014-15, 2015-16 and 2016-17)."),
    ("reading", "Who attended the program's events", "Every Facilitator at each orientation; Lee Teitel and P.S. "
     "13's principal at the host principal trainings; nobody named at the Share Fairs, the Model Teacher sessions or "
     "the Facilitators' weekly meetings (their team is the Facilitators)", "“Facilitators met with school teams”; "
     "“Facilitators explained the stages”", "~5230-5231, ~3500-3501, ~4341-4343, ~4594-4598",
     "The seed names no Facilitator at an orientation. P.S. 13's principal's “[central PD] sessions” with the other "
     "host principals are read as the host principal trainings. The Program Director who spoke at the 2015 orientation "
     "is not named, and the demo does not make its program director sign-in stand for her."),
    ("gap", "Chancellor Fariña's remarks at an orientation", "Not placed at an event",
     "“at a LPP orientation session”; “at one of these LPP orientations”", "~3624-3625; ~4968-4971",
     "The seed does not say which orientation."),
    ("reading", "Two October 2014 visits in the P.S. 13 triad", "P.S. 13's journey story visit on October 8, P.S. "
     "14's on October 22", "Site visits are monthly", "~4511-4513, ~5035-5041; ~3227-3229",
     "Both are labelled October 2014. P.S. 14's field notes revisit the norms “from last full triad visit”, so the "
     "demo puts P.S. 13's first. That P.S. 13 hosted as the triad's host school is read from Table 3."),
]
HIGHLINE_NOTES = [
    ("gap", "Studio sessions held at Oak Park, 2005-06", "Five located in time: the first three half days (fall "
     "2005), January 2006 and the last session in April 2006", "“six half day in-services throughout the year”",
     "~346-347; ~421, ~440, ~607", "The sixth (probably between January and April) is not described anywhere, and "
     "the demo does not invent it: the compliance page finds one short."),
    ("reading", "Who attended the studio sessions", "Caryn, Sheryl, Oak Park's principal, Lea and the Elementary "
     "Director, with the others by the model's rule (12 in all)", "“a total of about 11-15 participants at each "
     "session”", "~355-365, ~900-902, ~981-984",
     "The seed places only Caryn, Sheryl, Lea and the principal at particular sessions, and the Elementary Director "
     "at all of them. The other roles (Oak Park's residency teacher and second literacy coach, the residency "
     "school's principal, literacy coaches and a teacher, and a central office literacy coach) are listed by the "
     "model's description of each session."),
    ("reading", "Which fall session posed the four questions", "The first of the three",
     "“At one of the fall sessions”", "~423-432", "That all three of the first half days were in the fall is "
     "inferred; their months and days are the demo's."),
    ("reading", "The May demonstration's audience", "about 10-12 adults; not a studio session",
     "“about 11-15 participants at each session”", "~652; ~364-365",
     "The demonstration is an “other” meeting in the demo, so the studio participant rule does not apply to it."),
    ("gap", "Studio/residency documents for 2006-07", "", "“see Appendix D for new documents”", "~868-869",
     "Seed 000 ends with Appendix C; no 2006-07 schedule is available."),
    ("reading", "Highline's program rules", "Six half-day sessions a year; about 11-15 participants",
     "", "~346-347, ~363-365", "The team-meeting and site-visit rules are seed 004's defaults; Highline's demo has "
     "no team meetings or site visits for them to check."),
    ("synthetic", "Days of the studio sessions", "The demo's", "", "~409-410, ~440, ~607, ~650",
     "No seed gives a day for any studio session; January and April are the seed's months, May is “about a month "
     "later”."),
    ("reading", "Text extraction artefacts in the studio sessions", "meaning; featured", "“mean- ing”, "
     "“fea- tured” split at line ends", "~426-427, ~440-441", "Words split at line ends are joined; “what was "
     "your intention was” is kept as printed."),
]
SOAR_NOTES = [
    ("synthetic", "Days of SOAR's meetings", "The demo's, the same as the practice library's events",
     "", "~80, ~100, ~124, ~138, ~174, ~186, ~200, ~329-331",
     "The seed dates none: the design team's first meeting is put in February 2013 (Table 2's design phase begins "
     "then) and a “late session in the design process” in June 2013; the two-day meeting “at the beginning of the "
     "2013-2014 school year” in August 2013; the spring session and Valley's presentation in the spring of 2014. A "
     "two-day meeting is shown on its first day. How often they met is itself in conflict (see “How often the design "
     "team met” and “How often implementation teams met”)."),
    ("reading", "The district-wide meetings of the implementation teams", "“Implementation-team meeting”: the "
     "school implementation teams meeting with the district design team", "“district-wide meetings”; “cross-school "
     "meetings”; “SIDT meetings”; “district meeting”; “sessions”", "~86, ~156, ~168, ~188, ~200",
     "The seed's names for one kind of meeting. Attendance lists only the people the seed places there (at the "
     "spring session, Desert Grove's school implementation team, by its two members the seed names)."),
]

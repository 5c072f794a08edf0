"""The guided entry: a team's preliminary work, and each cycle, one short step at a time.

Each step asks for a few fields (or adds one part: a piece of evidence, a change idea, a measure),
shows what the Cycles of Learning asked at that point and what facilitators asked (seed 004, cited by
line), and moves on. New records start as their author's private draft; the last step shares them.
"""
from dataclasses import dataclass

from . import models as m

STAGE_ORDER = {stage: i for i, stage in enumerate(m.Cycle.Stage.values)}


@dataclass(frozen=True)
class Prompt:
    """What the CoL asks (guidance) or what a facilitator asked (a question), with its seed 004 lines."""

    text: str
    lines: str
    question: bool = True
    paraphrase: bool = False

    @property
    def cite(self) -> str:
        return f"seed 004, lines {self.lines}{' (the seed paraphrases)' if self.paraphrase else ''}"

    @property
    def source(self) -> str:
        """The prompt's opening words and its citation, for the researchers' "Sources" block (``{% sources %}``)."""
        words = self.text.split()
        return f"“{' '.join(words[:8])}{'…' if len(words) > 8 else ''}”: {self.cite}"


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    fields: tuple = ()
    prompts: tuple = ()
    adds: str = ""  # a part added at this step (a key of PARTS in forms.py)
    stage: str = ""  # saving this step moves a cycle on to this stage (never back)
    shares: bool = False  # the step offers sharing the record up the ladder


WHY = Prompt("How do you know that you want to take this step?", "6638–6640", paraphrase=True)

PROBLEM_STEPS = (
    Step("problem", "Problem of practice", ("focus_area", "statement"), (
        Prompt("Engage in self-assessment to identify an evidence-based problem of practice within the network’s LFA.",
               "3316–3317", question=False),
        Prompt("Is this an accurate depiction of where you really think that you'll see the most growth this year. "
               "And how do you know that?", "5264–5268"),
        Prompt("What is the problem, related to our year-long goal, that our school or subgroup is trying to solve?",
               "5478–5479"),
    )),
    Step("evidence", "How we decided", ("how_decided",), (
        Prompt("How did our school team or subgroup decide on the year-long goal and problem we're trying to solve? "
               "What process/data was used?", "5480–5482"),
        Prompt("So like looking like what would be the evidence of that work?", "5264–5268"),
        Prompt("Use DOE accountability tools, including the Quality Review, teacher evaluation ratings, student "
               "outcome data, as well as feedback from the interschool network and the LPP Facilitator.",
               "3318–3322", question=False),
    ), adds="evidence"),
    Step("team", "Team structures, roles and norms", ("team_roles", "norms"), (
        Prompt("Establish team structures and roles.", "3316", question=False),
        Prompt("Norms such as “Prepare agenda 24 hours in advance;” “Don’t hog the mike;” “Listen without a plan "
               "in your head,” “Complete next steps.”", "3188–3192", question=False),
        Prompt("What is going well, and how could we improve our collaboration?", "4576–4578", paraphrase=True),
    )),
    Step("network", "Our network", ("lfa_relation", "host_support"), (
        Prompt("How does our triad or cohort’s common LFA relate to our school community or subgroup?", "5474–5475"),
        Prompt("How will the host school support partner schools in their Cycles of Learning?", "5473"),
    )),
    Step("goal", "Year-long goal", (), (
        Prompt("Set a year-long goal that, if achieved, would solve the problem of practice.", "3317–3318",
               question=False),
        Prompt("What is our school’s or subgroup’s year-long goal, connected to our triad’s/cohort’s LFA?",
               "5476–5477"),
    ), adds="goal"),
    Step("share", "Share", (), (WHY,), shares=True),
)

CYCLE_STEPS = (
    Step("plan", "Goal of this cycle", ("title", "smaller_goal", "started", "ended"), (
        Prompt("Each cycle begins with a planning phase where schools identify a smaller goal that they will "
               "address through a “change idea.”", "3322–3324", question=False),
    ), stage=m.Cycle.Stage.PLAN),
    Step("change-ideas", "Change ideas", (), (
        Prompt("What are the best practices that we [know] already know work?", "5893–5896"),
        Prompt("A change idea is an idea for a new or refined practice: a specific instructional technique, or a "
               "new approach to teacher teams.", "3324–3328", question=False),
    ), adds="change_idea", stage=m.Cycle.Stage.PLAN),
    Step("prediction", "Prediction", ("prediction",), (
        Prompt("Record your goals, change ideas, predictions, data sources, results, and the thinking behind "
               "your decisions.", "3508–3511", question=False),
    ), stage=m.Cycle.Stage.PLAN),
    Step("measures", "Measures", (), (
        Prompt("How will you know that change worked?", "6643–6645"),
        Prompt("What can you use to measure the impact?", "6643–6645"),
    ), adds="measure", stage=m.Cycle.Stage.PLAN),
    Step("implement", "Implement", ("implementation_notes",), (
        Prompt("Go through the steps of planning, implementing, assessing and reflecting at biweekly meetings.",
               "170–173", question=False),
    ), adds="evidence", stage=m.Cycle.Stage.IMPLEMENT),
    Step("reflect", "Reflect and adjust", ("results", "next_step", "next_step_thinking"), (
        Prompt("Are these the results you expected?", "6645–6646"),
        Prompt("What happened during implementation that produced this result?", "6645–6646"),
        WHY,
    ), stage=m.Cycle.Stage.REFLECT),
    Step("share", "Share lessons", ("lessons",), (
        Prompt("Documentation serves as a guide for moving through the CoL, and as a record of schools’ and "
               "networks’ progress.", "3511–3513", question=False),
    ), stage=m.Cycle.Stage.SHARE, shares=True),
)

GUIDES = {m.ProblemOfPractice: PROBLEM_STEPS, m.Cycle: CYCLE_STEPS}


def step_of(steps, slug: str):
    """The step called ``slug`` and the one after it (None at the end); LookupError if there is none."""
    for i, step in enumerate(steps):
        if step.slug == slug:
            return step, (steps[i + 1] if i + 1 < len(steps) else None)
    raise LookupError(slug)


def advance(cycle, step) -> bool:
    """Move a cycle on to ``step``'s stage when that is further along; True if it moved."""
    if step.stage and STAGE_ORDER[step.stage] > STAGE_ORDER[cycle.stage]:
        cycle.stage = step.stage
        return True
    return False

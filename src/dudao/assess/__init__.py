"""The assessment engine: frameworks scored from computed indicators and people's answers.

`assess(framework, results, unit_levels=...)` returns one UnitAssessment per unit
of the framework's level, each item with its points, rule, inputs and reason.
Never imports Django: storage of self and review scores is `dudao.store.assessments`.
"""

from dudao.assess.answers import Answer, Answers
from dudao.assess.engine import assess
from dudao.assess.frameworks import get_framework, load, rule_checker, shipped_frameworks
from dudao.assess.model import GradeResult, InputValue, ItemScore, Outcome, Reason, UnitAssessment
from dudao.assess.schools import SchoolVerdicts, school_verdicts

__all__ = [
    "Answer",
    "Answers",
    "GradeResult",
    "InputValue",
    "ItemScore",
    "Outcome",
    "Reason",
    "SchoolVerdicts",
    "UnitAssessment",
    "assess",
    "get_framework",
    "load",
    "rule_checker",
    "school_verdicts",
    "shipped_frameworks",
]

from tuntas.oversight.models.evaluation import (
    EvaluationAttachment,
    EvaluationKind,
    EvaluationRecord,
    EvaluationState,
)
from tuntas.oversight.models.quarterly import (
    QuarterlyDecision,
    QuarterlyReport,
    QuarterlySignOff,
    QuarterlyState,
)
from tuntas.oversight.models.recap import DailyRecap

__all__ = [
    "DailyRecap",
    "EvaluationAttachment",
    "EvaluationKind",
    "EvaluationRecord",
    "EvaluationState",
    "QuarterlyDecision",
    "QuarterlyReport",
    "QuarterlySignOff",
    "QuarterlyState",
]

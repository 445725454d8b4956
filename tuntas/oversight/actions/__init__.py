"""Every write of the oversight app (recap reports, quarterly moves, M&E records)."""

from tuntas.oversight.actions.evaluation import (
    EvaluationInput,
    apply_evaluation_move,
    approve_evaluation_record,
    archive_evaluation_record,
    create_evaluation_record,
    parse_tracking_ids,
    return_evaluation_record,
    submit_evaluation_record,
    update_evaluation_record,
)
from tuntas.oversight.actions.quarterly import (
    apply_move,
    archive_quarterly_report,
    check_resolved_quarterly_report,
    compile_quarterly_report,
    initial_quarterly_report,
    return_quarterly_report,
    submit_quarterly_report,
)
from tuntas.oversight.actions.recap import report_daily_recap

__all__ = [
    "EvaluationInput",
    "apply_evaluation_move",
    "apply_move",
    "approve_evaluation_record",
    "archive_evaluation_record",
    "archive_quarterly_report",
    "check_resolved_quarterly_report",
    "compile_quarterly_report",
    "create_evaluation_record",
    "initial_quarterly_report",
    "parse_tracking_ids",
    "report_daily_recap",
    "return_evaluation_record",
    "return_quarterly_report",
    "submit_evaluation_record",
    "submit_quarterly_report",
    "update_evaluation_record",
]

"""Writes for recovery, as the pages, the API, the jobs and the demo call them: one case's
protocol — opening it by hand, its steps, compensation and the follow-up survey
(``protocol``) — and the periodic sweeps that open cases for new signals and follow up
(``sweeps``)."""

from kliento.recovery.protocol import (
    CompensationRefused,
    RecoveryCaseExists,
    compensation_grant,
    follow_up_survey_ensure,
    recovery_case_agree,
    recovery_case_assign,
    recovery_case_cause_set,
    recovery_case_listen,
    recovery_case_open,
    recovery_case_paraphrase,
    recovery_case_resolve,
    recovery_case_step_take,
    recovery_case_steps_apply,
    recovery_follow_up_record,
    recovery_follow_up_send,
)
from kliento.recovery.sweeps import (
    RecoveryRun,
    recovery_cases_open_for_new_signals,
    recovery_due_run,
)

__all__ = [
    "CompensationRefused",
    "RecoveryCaseExists",
    "RecoveryRun",
    "compensation_grant",
    "follow_up_survey_ensure",
    "recovery_case_agree",
    "recovery_case_assign",
    "recovery_case_cause_set",
    "recovery_case_listen",
    "recovery_case_open",
    "recovery_case_paraphrase",
    "recovery_case_resolve",
    "recovery_case_step_take",
    "recovery_case_steps_apply",
    "recovery_cases_open_for_new_signals",
    "recovery_due_run",
    "recovery_follow_up_record",
    "recovery_follow_up_send",
]

"""The roles a deployment starts with, as Django groups with permissions.

A migration creates them once; from then on they belong to the deployment and are edited in the
admin (Authentication → Groups). What a role may *do* comes from its permissions; *whose*
records it reaches comes from the organisation: an agent reaches their own, a team lead their
team's, and holders of ``access.reach_everyone`` everyone's (see :mod:`kliento.access.reach`).
"""

from enum import StrEnum


class Role(StrEnum):
    AGENT = "Agent"
    TEAM_LEAD = "Team lead"
    MANAGER = "Manager"
    AUDITOR = "Auditor"
    INTEGRATION = "Integration"


# Managers and team leads plan staffing; leads keep their team's roster, managers also set
# the channels' service targets, the shifts and the closures.
WORKFORCE_LEADING = (
    "workforce.plan_staffing", "workforce.view_servicetarget", "workforce.view_shift",
    "workforce.view_rosterentry", "workforce.add_rosterentry", "workforce.change_rosterentry",
    "workforce.delete_rosterentry", "workforce.view_closure",
)
WORKFORCE_MANAGING = (
    "workforce.add_servicetarget", "workforce.change_servicetarget", "workforce.add_shift",
    "workforce.change_shift", "workforce.add_closure", "workforce.change_closure",
    "workforce.delete_closure",
)

# Leads read the recurring questions and their FAQ entries; managers name topics, mine
# them again, and write and publish the answers.
QUESTIONS_LEADING = ("questions.view_topic", "questions.view_faqentry")
QUESTIONS_MANAGING = (
    "questions.change_topic", "questions.add_faqentry", "questions.change_faqentry",
    "questions.publish_faqentry",
)

# The customer as a whole (kliento.orders, kliento.journeys): whoever serves a customer sees
# their orders; leads and managers see the journey, the stages and the segments; managers keep
# the segment rules and record gestures and campaigns.
ORDERS_SERVING = ("orders.view_order",)
JOURNEYS_LEADING = ("journeys.view_journeys", "journeys.view_marker",
                    "journeys.view_lifecyclerules")
JOURNEYS_MANAGING = ("orders.add_order", "journeys.change_lifecyclerules",
                     "journeys.add_marker", "journeys.change_marker",
                     "journeys.add_engagementanswer")

# People (kliento.people): everyone who serves sees their own scorecard and the contests;
# leads and managers also the people analyses (narrowed to whom they reach); managers run
# contests and take the bonus payouts out for payroll.
PEOPLE_SERVING = ("people.view_scorecard", "people.view_contest")
PEOPLE_LEADING = ("people.view_people_analytics", "people.view_training")
PEOPLE_MANAGING = ("people.add_contest", "people.change_contest", "people.view_bonusrule",
                   "people.add_bonusrule", "people.change_bonusrule", "people.export_payouts",
                   "people.add_training", "people.change_training",
                   "people.add_employeesurvey")

# Defects in the whole experience (kliento.defects): everyone who serves customers logs and
# fixes them; leads and managers verify fixes and read the rates and their effect; auditors
# log what they see on a visit and verify fixes.
DEFECTS_SERVING = ("defects.view_defect", "defects.add_defect", "defects.change_defect")
DEFECTS_LEADING = ("defects.verify_defect", "defects.view_defect_analysis")
DEFECTS_AUDITING = ("defects.view_defect", "defects.add_defect", "defects.verify_defect")

# Occasions and offers (kliento.occasions): whoever serves sees today's birthdays and name
# days and redeems offer codes (so does the till's integration); leads read the experiments;
# managers add name days and define and launch the experiments.
OCCASIONS_SERVING = ("occasions.view_nameday", "occasions.change_offerassignment")
OCCASIONS_LEADING = ("occasions.view_offerexperiment",)
OCCASIONS_MANAGING = ("occasions.add_nameday", "occasions.add_offerexperiment",
                      "occasions.launch_offerexperiment")

_SERVING = (
    "access.view_dashboard",
    *ORDERS_SERVING,
    *PEOPLE_SERVING,
    *DEFECTS_SERVING,
    *OCCASIONS_SERVING,
    "customers.view_customer",
    "interactions.view_interaction",
    "promises.view_promise", "promises.add_promise", "promises.change_promise",
    "promises.notify_customer",
    "recovery.view_recoverycase", "recovery.change_recoverycase",
    "recovery.view_compensationgrant", "recovery.add_compensationgrant",
    "surveys.view_survey", "surveys.add_invitation", "surveys.view_surveyresponse",
    "surveys.change_surveyresponse",
    "audits.view_audit",
)

_LEADING = (
    *_SERVING,
    "access.explore_measures",
    "recovery.add_recoverycase",
    "audits.view_servicestandard",
    *WORKFORCE_LEADING,
    *QUESTIONS_LEADING,
    *JOURNEYS_LEADING,
    *PEOPLE_LEADING,
    *DEFECTS_LEADING,
    *OCCASIONS_LEADING,
)

_MANAGING = (
    *_LEADING,
    "access.reach_everyone",
    "recovery.approve_compensation",
    "customers.add_customer", "customers.change_customer",
    "interactions.add_interaction",
    "surveys.add_survey", "surveys.change_survey", "surveys.add_question",
    "surveys.change_question", "surveys.delete_question", "surveys.add_surveyresponse",
    "imports.view_importrun", "imports.add_importrun",
    "webhooks.view_webhookendpoint", "webhooks.add_webhookendpoint",
    "webhooks.change_webhookendpoint", "webhooks.delete_webhookendpoint",
    "webhooks.view_webhookdelivery", "webhooks.change_webhookdelivery",
    "audits.add_audit", "audits.add_servicestandard", "audits.change_servicestandard",
    *WORKFORCE_MANAGING,
    *QUESTIONS_MANAGING,
    *JOURNEYS_MANAGING,
    *PEOPLE_MANAGING,
    *OCCASIONS_MANAGING,
    "privacy.view_audit_log", "privacy.export_customer", "privacy.erase_customer",
    "organisation.view_companysettings", "organisation.change_companysettings",
)

ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.AGENT: _SERVING,
    Role.TEAM_LEAD: _LEADING,
    Role.MANAGER: _MANAGING,
    Role.AUDITOR: (
        "access.view_dashboard",
        "audits.view_servicestandard", "audits.view_audit", "audits.add_audit",
        *DEFECTS_AUDITING,
    ),
    # A machine user: pushes data in and reads only the surveys it files answers under.
    Role.INTEGRATION: (
        "customers.add_customer",
        "interactions.add_interaction",
        "surveys.view_survey", "surveys.add_surveyresponse",
        "orders.add_order", "journeys.add_engagementanswer",
        "occasions.change_offerassignment",
    ),
}

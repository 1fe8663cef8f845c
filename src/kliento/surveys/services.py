"""Writes for survey responses."""

from kliento.organisation.calendar import local_date
from kliento.surveys.models import SurveyResponse


def survey_response_record(**fields) -> SurveyResponse:
    """Store one customer's answers; every score is checked against its scale first, so an
    out-of-range answer is refused with the field named and nothing is stored."""
    response = SurveyResponse(**fields)
    response.responded_on = local_date(response.responded_at)
    response.full_clean()
    response.save()
    return response

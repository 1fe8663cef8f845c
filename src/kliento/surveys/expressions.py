"""A survey response's derived scores as the database computes them, for the queries that
filter or sum by them (the dashboard's metrics, the recovery sweep)."""

from django.db.models import F, FloatField, Value
from django.db.models.functions import Cast

from kliento.measure.service_grade import DEFAULT_WEIGHTS


def service_grade_expression():
    """Per-response service grade: the weighted mean of the five factor scores
    (:data:`~kliento.measure.service_grade.DEFAULT_WEIGHTS`), on 1–10; null unless all
    five factors were answered."""
    terms = [Value(weight) * Cast(F(factor), FloatField())
             for factor, weight in DEFAULT_WEIGHTS.items()]
    total = terms[0]
    for term in terms[1:]:
        total = total + term
    return total

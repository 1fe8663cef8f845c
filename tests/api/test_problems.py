"""Every refused request answers with one shape: ``detail`` in words, plus extras."""

from django.core.exceptions import ValidationError

from kliento.api.problems import field_problem, problem


class Refused(Exception):
    def __init__(self, message):
        super().__init__("not this text")
        self.message = message


def test_a_validation_error_is_told_by_all_its_messages():
    answer = problem(422, ValidationError(["Too early.", "Confirm first."]), code="invalid")
    assert (answer.status_code, answer.value) == (
        422, {"detail": "Too early. Confirm first.", "code": "invalid"})


def test_a_refusal_is_told_by_its_message_and_extras_are_kept_as_given():
    answer = problem(409, Refused("Asked two days ago."), code="too_soon", case=7)
    assert answer.value == {"detail": "Asked two days ago.", "code": "too_soon", "case": 7}
    assert problem(403, "Not yours.").value == {"detail": "Not yours."}


def test_field_errors_are_named_in_the_detail_and_kept_by_field():
    answer = field_problem(ValidationError({"due_at": ["In the past."],
                                            "owner": ["No agent.", "Inactive."]}))
    assert answer.status_code == 422
    assert answer.value == {"detail": "due_at: In the past. owner: No agent. Inactive.",
                            "errors": {"due_at": ["In the past."],
                                       "owner": ["No agent.", "Inactive."]}}

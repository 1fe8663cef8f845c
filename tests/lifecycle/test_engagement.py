"""The engagement ladder, every combination of the three items against the rule as the
documentation states it, and bad answers refused by name."""

from itertools import product

import pytest

from kliento.lifecycle.engagement import TOP, engagement_stage


@pytest.mark.parametrize(("satisfaction", "differentiation", "connection"),
                         list(product(range(1, 6), repeat=3)))
def test_every_answer_lands_on_the_stage_the_rule_states(satisfaction, differentiation,
                                                         connection):
    top = [value >= 4 for value in (satisfaction, differentiation, connection)]
    expected = ("disconnected" if not top[0] else "highly_satisfied" if not top[1]
                else "sees_different" if not top[2] else "fully_connected")
    assert engagement_stage(satisfaction, differentiation, connection) == expected
    assert TOP == 4


@pytest.mark.parametrize("bad", [0, 6, 3.5, "4", None, True])
def test_an_answer_off_the_scale_is_refused_naming_the_item(bad):
    with pytest.raises(ValueError, match="connection must be a whole number from 1 to 5"):
        engagement_stage(4, 4, bad)

"""The four emotional-engagement stages and the rule that places a respondent in one.

Magids, Zorfas and Leemon ("The New Science of Customer Emotions", Harvard Business Review,
2015) describe customers moving through four stages: disconnected, highly satisfied, seeing
the brand as different, fully connected — the last worth about twice the highly satisfied.
Kliento asks three items on a 1–5 agreement scale (the engagement block of a survey):

1. *satisfaction*: "Overall, I am very satisfied with <the company>."
2. *differentiation*: "<The company> is different from the others I could buy from."
3. *connection*: "I feel a personal connection with <the company>; it fits who I am."

The rule is a ladder: each stage needs the one below it. A respondent is

- **fully connected** when all three items are at the top (≥ ``TOP``, i.e. 4 or 5),
- **sees the brand as different** when satisfaction and differentiation are at the top but
  connection is not,
- **highly satisfied** when only satisfaction is at the top,
- **disconnected** otherwise (satisfaction below the top, whatever the other two say: a
  customer who is not satisfied is not engaged, however different the brand looks).
"""

SCALE_LOW, SCALE_HIGH = 1, 5
TOP = 4  # an item is "at the top" at 4 (agree) or 5 (strongly agree)

DISCONNECTED = "disconnected"
HIGHLY_SATISFIED = "highly_satisfied"
SEES_DIFFERENT = "sees_different"
FULLY_CONNECTED = "fully_connected"
STAGES = (DISCONNECTED, HIGHLY_SATISFIED, SEES_DIFFERENT, FULLY_CONNECTED)  # the ladder
ITEMS = ("satisfaction", "differentiation", "connection")


def engagement_stage(satisfaction: int, differentiation: int, connection: int) -> str:
    """The stage of one respondent by the ladder above.

    >>> engagement_stage(5, 4, 4)
    'fully_connected'
    >>> engagement_stage(5, 5, 3)
    'sees_different'
    >>> engagement_stage(4, 2, 5)
    'highly_satisfied'
    >>> engagement_stage(3, 5, 5)
    'disconnected'
    """
    for name, value in zip(ITEMS, (satisfaction, differentiation, connection), strict=True):
        if isinstance(value, bool) or not isinstance(value, int) \
                or not SCALE_LOW <= value <= SCALE_HIGH:
            raise ValueError(f"{name} must be a whole number from {SCALE_LOW} to {SCALE_HIGH}, "
                             f"not {value!r}")
    if satisfaction < TOP:
        return DISCONNECTED
    if differentiation < TOP:
        return HIGHLY_SATISFIED
    if connection < TOP:
        return SEES_DIFFERENT
    return FULLY_CONNECTED

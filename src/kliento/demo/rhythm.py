"""When customers get in touch: weekly and daily contact rhythms per channel.

Profiles are relative arrival rates by hour of the organisation's local day. They encode what
contact centres in the region see: a morning ramp, a lunch peak at 12–13, an after-work peak
at 18–19 for phone and chat, store traffic only in opening hours, and quiet nights.
"""

import numpy as np

# Relative arrivals per local hour 0..23.
_OFFICE = [0, 0, 0, 0, 0, 0, 0, 1, 6, 9, 10, 10, 13, 12, 9, 8, 8, 8, 9, 6, 3, 1, 0, 0]
_ALWAYS_ON = [2, 1, 1, 1, 1, 1, 2, 4, 6, 8, 9, 10, 13, 12, 9, 8, 8, 9, 12, 12, 10, 8, 5, 3]
_STORE = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6, 8, 11, 11, 9, 8, 9, 11, 13, 12, 8, 4, 0, 0]
_DELIVERY = [0, 0, 0, 0, 0, 0, 0, 0, 6, 9, 10, 10, 9, 9, 9, 9, 8, 6, 3, 1, 0, 0, 0, 0]

HOURLY_PROFILE: dict[str, np.ndarray] = {
    "phone": np.array(_OFFICE, dtype=float),
    "email": np.array(_ALWAYS_ON, dtype=float),
    "chat": np.array(_ALWAYS_ON, dtype=float),
    "web": np.array(_ALWAYS_ON, dtype=float),
    "social": np.array(_ALWAYS_ON, dtype=float),
    "store": np.array(_STORE, dtype=float),
    "delivery": np.array(_DELIVERY, dtype=float),
}
for _profile in HOURLY_PROFILE.values():
    _profile /= _profile.sum()

# Monday busiest, Sunday quietest (stores still open on weekends).
WEEKDAY_WEIGHT = np.array([1.25, 1.1, 1.05, 1.0, 1.05, 0.75, 0.5])


def sample_hours(channel: str, size: int, rng: np.random.Generator) -> np.ndarray:
    return rng.choice(24, size=size, p=HOURLY_PROFILE[channel])


def daily_weights(weekdays: np.ndarray, growth: float) -> np.ndarray:
    """Relative volume for each day: weekday rhythm times a gentle linear growth
    (``growth`` = last day's volume over the first day's, e.g. 1.2)."""
    trend = np.linspace(1.0, growth, len(weekdays))
    weights = WEEKDAY_WEIGHT[weekdays] * trend
    return weights / weights.sum()

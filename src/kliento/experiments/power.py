"""How many customers an offer experiment needs per arm to see a given rise in the purchase
rate: the two-sided z test for two proportions with Cohen's h (statsmodels'
``NormalIndPower`` and ``proportion_effectsize``).

>>> customers_per_arm(0.10, 0.13)
1769
"""

import math


def customers_per_arm(base_rate: float, target_rate: float, *, alpha: float = 0.05,
                      power: float = 0.8) -> int:
    """Customers per arm to detect ``target_rate`` against ``base_rate`` (fractions)."""
    from statsmodels.stats.power import NormalIndPower  # ~0.5 s: only when asked
    from statsmodels.stats.proportion import proportion_effectsize

    for name, value in (("base_rate", base_rate), ("target_rate", target_rate)):
        if not 0 < value < 1:
            raise ValueError(f"{name} must be between 0 and 1, not {value}")
    if base_rate == target_rate:
        raise ValueError("target_rate must differ from base_rate")
    effect = abs(proportion_effectsize(target_rate, base_rate))
    n = NormalIndPower().solve_power(effect_size=effect, alpha=alpha, power=power, ratio=1.0,
                                     alternative="two-sided")
    return math.ceil(n)


def detectable_rise(base_rate: float, n_per_arm: int, *, alpha: float = 0.05,
                    power: float = 0.8) -> float:
    """The smallest rise in the purchase rate (percentage points) ``n_per_arm`` customers
    per arm would detect."""
    from statsmodels.stats.power import NormalIndPower

    if n_per_arm < 2:
        raise ValueError("n_per_arm must be at least 2")
    effect = NormalIndPower().solve_power(nobs1=n_per_arm, alpha=alpha, power=power,
                                          ratio=1.0, alternative="two-sided")
    # Invert Cohen's h: h = 2·asin√p₂ − 2·asin√p₁.
    target = math.sin(min(math.pi / 2, math.asin(math.sqrt(base_rate)) + effect / 2)) ** 2
    return 100 * (target - base_rate)

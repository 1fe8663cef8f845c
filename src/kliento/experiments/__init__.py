"""Offers as experiments, without Django: random assignment to arms by share, the
differences between arms with their intervals, and the sample size an effect needs."""

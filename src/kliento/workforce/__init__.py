"""Workforce: staffing plans, shifts and rosters, and the expected response time — the Django
side of :mod:`kliento.staffing`, whose framework-free core does the maths."""

"""Standardised forward-looking effective tax rates (Devereux–Griffith; Klemm; general schedules).

Equity finance, no personal taxes (ρ = i, γ = 1), a real return p on a marginal or average investment:
the like-for-like view of regimes that does not depend on a particular project (methodology §1.2–1.4).
"""

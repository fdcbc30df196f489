"""Present value z of tax allowances per unit of cost (methodology §1.1).

Discrete forms follow the Devereux–Griffith / Tax Foundation / dietr convention: the first allowance is
dated 0 and undiscounted. Continuous forms are those of the Cost-of-Capital-Calculator (PSLmodels,
`ccc/calcfunctions.py`), implemented here from the formulas, which its unit-test vectors check (§2.1).
"""

import math


def z_declining_balance(rate: float, rho: float) -> float:
    """z_DB = φ(1+ρ)/(φ+ρ): allowances φ(1−φ)^t dated t = 0, 1, ..."""
    return rate * (1.0 + rho) / (rate + rho)


def z_straight_line(rate: float, rho: float) -> float:
    """z_SL = a(1+ρ)/ρ · [1 − (1+ρ)^(−T)], T = 1/a: allowances a dated 0..T−1."""
    if rho == 0:
        return 1.0
    return float(rate * (1.0 + rho) / rho * (1.0 - (1.0 + rho) ** (-1.0 / rate)))


def z_initial_then_db(initial: float, rate: float, rho: float) -> float:
    """z = ia + (1−ia)·φ/(φ+ρ): ia dated 0, declining balance on the rest from date 1."""
    return initial + (1.0 - initial) * rate / (rate + rho)


def z_economic(delta: float, rho: float) -> float:
    """z = δ/(ρ+δ): true economic depreciation, allowances δ(1−δ)^(t−1) dated t = 1, 2, ..."""
    return delta / (rho + delta)


def z_declining_balance_after_holiday(rate: float, rho: float, holiday_years: int) -> float:
    """Klemm/dietr: z_H = z_DB · [(1−φ)/(1+ρ)]^H, the allowances dated 0..H−1 being lost."""
    return float(z_declining_balance(rate, rho) * ((1.0 - rate) / (1.0 + rho)) ** holiday_years)


def z_straight_line_after_holiday(rate: float, rho: float, holiday_years: int) -> float:
    """Klemm/dietr: z_H = a(1+ρ)/ρ · max{(1+ρ)^(−H) − (1+ρ)^(−T), 0}."""
    life = 1.0 / rate
    remaining = float((1.0 + rho) ** -holiday_years - (1.0 + rho) ** -life)
    return rate * (1.0 + rho) / rho * max(remaining, 0.0)


def z_continuous_straight_line(life_years: float, bonus: float, r: float) -> float:
    """CCC `sl`: z = bonus + (1 − bonus)·(1 − e^(−rY))/(rY)."""
    return bonus + (1.0 - bonus) * (1.0 - math.exp(-r * life_years)) / (r * life_years)


def z_continuous_db_to_sl(life_years: float, balance_factor: float, bonus: float, r: float) -> float:
    """CCC `dbsl`: declining balance at β = b/Y, switching to straight line at Y* = Y(1 − 1/b).

    z = bonus + (1 − bonus)·[ β/(β+r)·(1 − e^(−(β+r)Y*)) + e^(−βY*)·(e^(−rY*) − e^(−rY)) / ((Y − Y*)r) ]:
    the first term is ∫₀^Y* βe^(−βs)e^(−rs)ds, the second spreads the balance e^(−βY*) left at the
    switch evenly over the remaining life.
    """
    beta = balance_factor / life_years
    switch = life_years * (1.0 - 1.0 / balance_factor)
    declining = beta / (beta + r) * (1.0 - math.exp(-(beta + r) * switch))
    rest = math.exp(-beta * switch) * (math.exp(-r * switch) - math.exp(-r * life_years))
    return bonus + (1.0 - bonus) * (declining + rest / ((life_years - switch) * r))


def z_continuous_economic(delta: float, bonus: float, r: float, inflation: float) -> float:
    """CCC `econ`: z = bonus + (1 − bonus)·δ/(δ + r − π), r nominal."""
    return bonus + (1.0 - bonus) * delta / (delta + r - inflation)

"""Regime rules as data and the incentive engine (`docs/incentives.md`).

- `rules`: pydantic models of a regime's rules; `loader`: the bundled `rules_data/*.toml` files;
  `designer`: custom regimes in the same format (`design`: one built from a bundled regime on the page;
  `regime_toml`: a regime written back as TOML).
- `project`: the project as the engine reads it; `schedule`: every tax by year; `evaluate`: PV of taxes,
  NPV, AETR and the NPV of incentives against the standard regime; `decompose`: by instrument (Shapley);
  `metr`: the project METR.
- `contract`: the JSON boundary (project schema in, comparison dict out).
- `synthetic`: Devereux–Griffith / Klemm EATR, EMTR and cost of capital, per asset and composite.
The engine is pure: plain data in, plain data out, no I/O (the loader and the designer read files).
"""

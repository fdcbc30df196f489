"""Cooperation chains (issue 19): what a product needs and what a place could make next.

A pure computation core (numpy/scipy, no storage): `io_tables.py` holds the US BEA 2017 input-output
tables and their direct and total requirements, `bridges.py` the BEA ↔ NAICS ↔ ISIC weights, `recipe.py`
the input recipe of an ISIC class or HS product. Relatedness (RCA, ECI/PCI, the product space) lives in its
own modules beside them. `cli.py` is the `sezatlas chains …` sub-app.
"""

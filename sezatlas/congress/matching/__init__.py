"""Who should meet whom: participant profiles from codes and free text, affinity scores, reasons and the
ranked recommendations. A pure core (plain data in, plain data out) that may import
`sezatlas.congress.model`, its own modules and `sezatlas.standard`; never sqlalchemy, `sezatlas.store`,
`sezatlas.web` or `sezatlas.cli`.
"""

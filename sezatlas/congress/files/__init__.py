"""The Congress's file formats: the event file and participant and request sheets read, agendas written
(.ics, PDF). Pure (files in, plain data or bytes out, problems in a `sezatlas.tabular` report); it may import
`sezatlas.congress.model`, the plain views (`sezatlas.congress.agenda`), `sezatlas.congress.matching.codes`,
`sezatlas.tabular` and `sezatlas.standard`; never sqlalchemy, `sezatlas.store`, `sezatlas.web` or
`sezatlas.cli`.
"""

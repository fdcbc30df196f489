"""The kit every import uses: reading CSV and XLSX files as tables of text cells (`flat_tables`), telling
a user cell by cell that a file is not UTF-8 (`text_encoding`), the validation report that names each
problem by file, row and field (`report`), and the other cell rules every file shares: no control
characters in text (`control_characters`), no live formulas in what is exported (`safe_cells`). It knows no
domain: it may import the standard library, third-party libraries (openpyxl) and its own modules, never
a domain package, `sezatlas.store`, `sezatlas.web` or `sezatlas.cli`.
"""

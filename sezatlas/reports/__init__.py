"""The association secretariat's reports (issue 18, item 5): one country's figures, or every country's and
their totals, as the registry, the regime files and the incentive engine give them, as of a moment.

- `model`: the report as plain data (`CountryReport`, `AssociationReport`);
- `assemble`: the pure parts (zones as of a moment counted as the statistics pages count them, the
  reference projects' figures, the sources list);
- `storage`: the inquiry and Congress counts the other domains' use cases do not date;
- `actions`: `country_report` and `association_report`, the use cases the CLI and the page call;
- `cli`: `sezatlas report country|association`.

The documents (PDF, XLSX annex) are rendered in the reader's language by `web/pages/report_export.py`.
"""

"""The harmonization matrix: the bundled regimes lined up dimension by dimension, a source on every cell.

- `dimensions`: what is compared, each dimension named after the published framework it comes from, with
  its closed set of codes and the rule data (families, conflicts) the divergence summary reads;
- `hand_coded`: the `[matrix.<dimension>]` tables of the regime files (facts the engine does not model);
- `computed_tax`, `computed_border`: the cells read from the facts a regime file already states;
- `divergence`: the written rule that sums up one dimension across the regimes shown;
- `actions`: `harmonization_matrix`, the one use case the page, the API and the CLI call.

This module imports nothing: `rules.py` reads `hand_coded`, and the cells read `rules.py`.
"""

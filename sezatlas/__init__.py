"""SEZ Atlas: one harmonized registry of the BRICS preferential territories, and the decisions built on it."""

__version__ = "0.1.0"

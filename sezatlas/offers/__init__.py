"""Cooperation offers between members: "we make", "we need", "we offer land or capacity for" (issue 19)."""

"""Analysis: indicators, targets, comparisons, coverage, policy measures and the findings of a page, as plain data."""

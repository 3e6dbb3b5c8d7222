"""Findings: what a page says, computed once as plain data (value, unit, year, series, caveats, sources)."""

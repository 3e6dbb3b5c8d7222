"""Presentation: charts and maps (Axes in, Axes out), figure and table saving, narratives in Vietnamese and English."""

"""The units the study describes: the 63 provinces (to 30 June 2025) and the 34 (since 1 July 2025)."""

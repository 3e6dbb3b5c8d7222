"""Small helpers used across the package: text folding, hashes, atomic writes, safe CSV."""

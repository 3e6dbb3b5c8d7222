"""Development tools that no part of the pipeline runs: designing and scoring the tile grids."""

"""Publishing: the static site built from the executed notebooks."""

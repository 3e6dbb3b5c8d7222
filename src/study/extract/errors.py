"""The extractor's error: an input or a dictionary it cannot use."""

from __future__ import annotations

__all__ = ["ExtractError"]


class ExtractError(ValueError):
    """An input or dictionary the extractor cannot use; the message names the file and the reason."""

"""Page furniture in the reader's language: headings and short texts for the notebooks, from the catalogue."""

from __future__ import annotations

from IPython.display import Markdown

from study.present.i18n import t


def heading(lang: str, key: str, level: int = 2, **values) -> Markdown:
    """A Markdown heading from the catalogue's ``page`` section."""
    return Markdown(f"{'#' * level} {t(lang, f'page.{key}', **values)}")


def text(lang: str, key: str, **values) -> Markdown:
    """A paragraph from the catalogue's ``page`` section."""
    return Markdown(t(lang, f"page.{key}", **values))

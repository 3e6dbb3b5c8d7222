"""Where the project's data and outputs live.

Every location can be overridden with an environment variable, so that tests and users can point
the package at another tree without touching the code:

========================  ===========================  ==================================
variable                  default                      holds
========================  ===========================  ==================================
``STUDY_ROOT``            the repository root          the base of the defaults below
``STUDY_RAW_DIR``         ``<root>/data/raw``          curated facts with their sources
``STUDY_PROCESSED_DIR``   ``<root>/data/processed``    tables written by ``study build``
``STUDY_REPORTS_DIR``     ``<root>/reports``           executed notebooks, figures, site
========================  ===========================  ==================================
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_ROOT = Path(__file__).resolve().parents[2]


def root() -> Path:
    """Return the project root (``STUDY_ROOT`` or the repository holding this package)."""
    return Path(os.environ.get("STUDY_ROOT", _PACKAGE_ROOT))


def raw_dir() -> Path:
    """Return the folder of raw, hand-curated data."""
    return Path(os.environ.get("STUDY_RAW_DIR", root() / "data" / "raw"))


def processed_dir() -> Path:
    """Return the folder that ``study build`` writes."""
    return Path(os.environ.get("STUDY_PROCESSED_DIR", root() / "data" / "processed"))


def reports_dir() -> Path:
    """Return the folder for executed notebooks, figures, tables and the site."""
    return Path(os.environ.get("STUDY_REPORTS_DIR", root() / "reports"))


def notebooks_dir() -> Path:
    """Return the folder of the project's notebooks."""
    return root() / "notebooks"

"""Notebook execution: parameters, plan and cache key, warm kernels, single runs and batches.

The runner turns a notebook of ``notebooks/`` and a set of parameters into executed notebooks under
``reports/<notebook>/``, with the figures and tables each run saves in ``<name>_files/``.

* :mod:`~study.execute.params`: every parameter is checked against the notebook's ``parameters``
  cell before any kernel starts; values are coerced to the declared type, provinces resolved
  through the registry, output names made ASCII slugs that cannot leave ``reports/``.
* :mod:`~study.execute.plan`: the jobs and their cache keys. A run whose notebook, parameters,
  processed data (every table, tile grid, standard and boundary layer, through ``datapackage.json``),
  lock file, Python version, result-changing ``STUDY_*`` settings and ``study`` code are unchanged is
  skipped (``reports/.cache/<key>.json``); ``--force`` runs it anyway.
* :mod:`~study.execute.kernels`: one warm kernel per worker, reset between runs (namespace,
  figures, matplotlib, pandas, warnings, ``sys.path``, environment, working directory).
* :mod:`~study.execute.run`: one run, executed into a hidden temporary file and moved into place
  only when every cell succeeded.
* :mod:`~study.execute.batch`: many runs on worker processes; one failing province does not stop
  the others, and the batch ends with a report (``reports/<notebook>/failures.json``).
See ``docs/runner.md`` for measurements.
"""

from study.execute.batch import BatchResult, execute, report
from study.execute.kernels import shutdown_kernels
from study.execute.params import LANGS, ParameterError, coerce, find_notebook, notebook_parameters, slug
from study.execute.plan import Job, fingerprint, plan, provinces_with_data

__all__ = [
    "LANGS",
    "BatchResult",
    "Job",
    "ParameterError",
    "coerce",
    "execute",
    "find_notebook",
    "fingerprint",
    "notebook_parameters",
    "plan",
    "provinces_with_data",
    "report",
    "shutdown_kernels",
    "slug",
]

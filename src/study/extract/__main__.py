"""Run ``python -m study.extract PATH...`` (the same as ``study extract PATH...``)."""

import sys

from study.extract.command import main

sys.exit(main())

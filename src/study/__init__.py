"""study: a reproducible comparative study of Vietnam's provincial sustainable poverty-reduction programmes."""

__version__ = "0.1.0"

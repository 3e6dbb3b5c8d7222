"""Narratives in Vietnamese and English, rendered from findings with the string catalogues.

* :mod:`~study.present.narrative.profile`: a province, from its ``ProvinceFindings``;
* :mod:`~study.present.narrative.comparison`: a comparison, from its ``ComparisonFindings``;
* :mod:`~study.present.narrative.measures`: the measures the documents commit to, by region;
* :mod:`~study.present.narrative.targets`: each target, its status and the figures that decided it.
"""

from study.present.narrative.comparison import STANDARD_NAMES, comparison_sentences, survey_sentences
from study.present.narrative.measures import measures_sentences
from study.present.narrative.profile import document_label, profile_sentences
from study.present.narrative.targets import summary_sentences, target_sentence

__all__ = [
    "STANDARD_NAMES",
    "comparison_sentences",
    "document_label",
    "measures_sentences",
    "profile_sentences",
    "summary_sentences",
    "survey_sentences",
    "target_sentence",
]

"""The study notebooks in their other variants: Vietnamese pages and the 34-unit comparison.

nbval checks the stored notebooks (English, 63 units); these runs execute the variants on the real
processed data and read what they display: a Vietnamese page shows no English heading or status.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from study import execute

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
VARIANTS = [
    ("province_profile", {"province": "Bắc Ninh"}),
    ("compare_provinces", {"series": "review", "year": "2024", "regime": "34"}),
    ("policy_measures", {}),
    ("targets_tracking", {}),
]
ENGLISH = re.compile(
    r"^#+ .*\b(Narrative|Where it is|Targets stated|Official review|What the data say|Ranking|Map)\b", re.M
)


@pytest.fixture(scope="module")
def outputs(real_processed, tmp_path_factory):
    reports = tmp_path_factory.mktemp("variants")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STUDY_PROCESSED_DIR", str(real_processed))
        mp.setenv("STUDY_REPORTS_DIR", str(reports))
        jobs = []
        for name, params in VARIANTS:
            jobs += execute.plan(NOTEBOOKS / f"{name}.ipynb", params, lang="vi", name=f"{name}_variant")
        result = execute.execute(jobs, workers=2, force=True, progress=False)
        execute.shutdown_kernels()
    assert result.exit_code == 0, result.failures
    return {job.notebook: json.loads(job.output.read_text(encoding="utf-8")) for job in jobs}


def _displayed(nb: dict) -> str:
    text = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            text.append("".join(data.get("text/markdown", [])) + "".join(output.get("text", [])))
    return "\n".join(text)


@pytest.mark.parametrize("name", [v[0] for v in VARIANTS])
def test_vietnamese_variant_runs_and_reads_as_vietnamese(outputs, name):
    nb = next(v for k, v in outputs.items() if Path(str(k)).stem == name)
    shown = _displayed(nb)
    assert shown.strip(), f"{name}: nothing displayed"
    assert not ENGLISH.search(shown), f"{name}: English heading in a Vietnamese page: {ENGLISH.search(shown)[0]!r}"
    assert "nan" not in re.findall(r"\bnan\b", shown) and "<NA>" not in shown


def test_34_unit_comparison_says_its_rule(outputs):
    nb = next(v for k, v in outputs.items() if Path(str(k)).stem == "compare_provinces")
    shown = _displayed(nb)
    assert "Với 34 đơn vị mới" in shown and "34 đơn vị, từ ngày 1/7/2025" in shown

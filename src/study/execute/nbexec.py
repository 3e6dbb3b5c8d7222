"""Executing the project's own notebooks so that their stored outputs are reproducible.

Used by :mod:`study.execute.twins` (``make notebooks``): no cell
timings are recorded and consecutive stream outputs are joined, so that executing a notebook twice
on the same data writes the same file.
"""

from __future__ import annotations

from pathlib import Path

import nbformat


def merge_streams(outputs: list) -> list:
    """Join consecutive outputs of the same stream (how the kernel split its writes must not matter)."""
    merged: list = []
    for output in outputs:
        if (
            output.get("output_type") == "stream"
            and merged
            and merged[-1].get("output_type") == "stream"
            and merged[-1].get("name") == output.get("name")
        ):
            merged[-1]["text"] = merged[-1]["text"] + output["text"]
        else:
            merged.append(output)
    return merged


def execute_and_write(nb: nbformat.NotebookNode, path: Path, run: bool = True, timeout: int = 900) -> Path:
    """Execute ``nb`` in the folder of ``path`` (when ``run``), normalise its outputs and write it.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The notebook (kernel ``python3``).
    path : pathlib.Path
        Where to write it; also the working directory of the kernel.
    run : bool
        Execute before writing.
    timeout : int
        Seconds a cell may run.

    Returns
    -------
    pathlib.Path
    """
    from nbclient import NotebookClient

    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    if run:
        client = NotebookClient(
            nb,
            kernel_name="python3",
            timeout=timeout,
            record_timing=False,
            resources={"metadata": {"path": str(Path(path).parent)}},
        )
        client.execute()
        nb.metadata["language_info"] = {"name": "python"}
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = merge_streams(cell.outputs)
    nbformat.write(nb, path)
    return Path(path)

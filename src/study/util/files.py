"""File helpers: content hashes and atomic writes (write to a temporary name beside the target, then rename)."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def sha256_file(path: str | os.PathLike) -> str:
    """Return the hex sha256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def atomic_write(path: str | os.PathLike, write: Callable[[Path], object]) -> Path:
    """Call ``write(tmp)`` on a temporary path beside ``path``, then move it into place.

    A reader never sees a half-written file, and a failure leaves the previous file as it was.

    Parameters
    ----------
    path : path-like
        The final path; its folder is created.
    write : callable
        Writes the whole file to the path it is given.

    Returns
    -------
    pathlib.Path
        ``path``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: str | os.PathLike, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def atomic_write_json(path: str | os.PathLike, data, indent: int = 1) -> Path:
    """Write ``data`` as indented, key-sorted UTF-8 JSON to ``path`` atomically (other types as ``str``)."""
    return atomic_write_text(
        path, json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=True, default=str) + "\n"
    )

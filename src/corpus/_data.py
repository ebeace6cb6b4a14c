"""Where the bundled corpus lives: inside the installed package, or beside a source checkout."""

from __future__ import annotations

from pathlib import Path

from corpus.errors import CorpusError

__all__ = ["bundled_directory"]


def bundled_directory() -> Path:
    """The directory holding the bundled corpus.xml.

    Wheels carry the data as ``corpus/_data``; an editable install or a source checkout reads
    ``corpus_data/`` at the top of the repository.
    """
    packaged = Path(__file__).resolve().parent / "_data"  # wheels install to a directory
    if (packaged / "corpus.xml").is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "corpus_data"
    if (checkout / "corpus.xml").is_file():
        return checkout
    raise CorpusError(
        "the bundled corpus data is missing from this installation of corpus; "
        "reinstall the package from a wheel or sdist"
    )

"""The package version, read by the build (hatch) and by the compiled cache's key."""

__version__ = "0.7.0"
#: the day that version was released (CHANGELOG.md and CITATION.cff say the same; tested)
RELEASED = "2026-12-04"

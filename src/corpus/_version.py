"""The package version, read by the build (hatch) and by the compiled cache's key."""

__version__ = "0.7.0"

"""The package's version, in one module that imports nothing (the package root, the command line, reports and
drafts read it here, so none of them imports the package root back)."""

__version__ = "0.1.0"

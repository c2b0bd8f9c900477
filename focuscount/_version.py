"""The version of focuscount, in a module of its own so that ``focuscount --version`` imports nothing else."""

__version__ = "0.1.0"

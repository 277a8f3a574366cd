"""Jining Archive: a desktop archive browser for reports on the Jining High-tech Zone."""

__version__ = "0.1.0"

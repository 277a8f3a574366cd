"""Storage: the catalogue of articles (and, beside it, the notes store).

Only this package writes SQL for the catalogue; ``library.py`` is the one door
the front ends use.
"""

from jining_archive.storage.catalogue import Catalogue, CatalogueError, CatalogueRow

__all__ = ["Catalogue", "CatalogueError", "CatalogueRow"]

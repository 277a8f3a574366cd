"""Documents: decoding, normalising and parsing article files into the document model."""

from jining_archive.documents.model import Article, Block, BlockKind, PageBreakRepair, Section

__all__ = ["Article", "Block", "BlockKind", "PageBreakRepair", "Section"]

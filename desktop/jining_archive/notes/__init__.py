"""Bookmarks and notes: a durable SQLite store, anchors that survive text edits, export."""

"""The PySide6 front end: every Qt import of the application lives in this package."""

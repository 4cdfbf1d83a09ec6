"""The archive on disk: layout, part files, the single-writer lock, recovery."""

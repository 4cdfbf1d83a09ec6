"""Item pipelines: validate, deduplicate, write. One component per module."""

"""scale stage of the eirene pipeline."""

"""export stage of the eirene pipeline."""

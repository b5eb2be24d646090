"""evaluate stage of the eirene pipeline."""

"""events stage of the eirene pipeline."""

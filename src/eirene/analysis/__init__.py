"""analysis stage of the eirene pipeline."""

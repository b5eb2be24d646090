"""web stage of the eirene pipeline."""

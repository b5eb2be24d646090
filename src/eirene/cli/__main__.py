"""`python -m eirene.cli ...` runs the `eirene` command."""

from eirene.cli import main

if __name__ == "__main__":
    main()

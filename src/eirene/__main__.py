"""`python -m eirene ...` runs the `eirene` command (handy with PYTHONPATH=src in a checkout)."""

from eirene.cli import main

if __name__ == "__main__":
    main()

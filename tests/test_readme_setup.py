"""The README tells a newcomer what a full test run needs: every system package sits in
one Markdown table (a blank line inside would cut the rows after it out of the table)."""

from __future__ import annotations

from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def system_package_table() -> list[str]:
    """The rows of the table whose header names the system packages, up to its first non-row line."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| needed for | system package"))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


def test_the_readme_lists_every_system_package_of_a_full_run_in_one_table() -> None:
    table = "\n".join(system_package_table())
    for needed in ("`chromium`", "`postgresql`", "POSIX", "root", "../shared/"):
        assert needed in table, f"the README's system-package table does not name {needed}"

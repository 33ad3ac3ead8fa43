"""Rich tables for the terminal: the audit's coverage and confidence parts."""

from rich.table import Table

from queries.audit import ConfidenceCount, ListCoverage


def coverage_table(lists: list[ListCoverage]) -> Table:
    """The coverage part of the audit as a rich table."""
    table = Table(title="coverage: known vs stated")
    for column, justify in (("of", "left"), ("list", "left"), ("known", "right"), ("stated", "right"),
                            ("missing", "right"), ("stated by", "left"), ("as of", "left")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for entry in lists:
        table.add_row(entry.of["id"], entry.list, str(entry.known), "" if entry.stated is None else str(entry.stated),
                      "" if entry.missing is None else str(entry.missing), ", ".join(entry.stated_sources),
                      entry.stated_as_of or "")
    return table


def confidence_table(counts: list[ConfidenceCount]) -> Table:
    table = Table(title="facts by confidence")
    table.add_column("confidence")
    table.add_column("facts", justify="right")
    table.add_column("by type")
    for count in counts:
        table.add_row(count.confidence, str(count.total),
                      ", ".join(f"{entry['type']} {entry['count']}" for entry in count.by_type))
    return table

"""The compare page: two States side by side per section, what one has and the other lacks first."""

from queries.compare import StateComparison
from viz.maps import env, page_context

SECTION_TITLES = {"instruments": "Instruments (party or signatory)", "commitments": "Commitments",
                  "events": "Summits and other events", "memberships": "Memberships"}
DIFFERENCE_TEXT = {"only_a": "only {a}", "only_b": "only {b}", "differs": "both, differently", "same": "both"}


def render_compare(answer: StateComparison) -> str:
    """Plain HTML tables (no script): each row links the item's page and names its dates and sources."""
    a, b = answer.a.name or answer.a.id, answer.b.name or answer.b.id
    title = f"{a} and {b} compared"
    differences = {key: text.format(a=answer.a.id, b=answer.b.id) for key, text in DIFFERENCE_TEXT.items()}
    return env.get_template("compare.html").render(**page_context(title, answer.as_of), answer=answer, a=a, b=b,
                                                   section_titles=SECTION_TITLES, differences=differences)

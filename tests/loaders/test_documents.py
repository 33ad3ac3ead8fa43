"""Statements as published: a saved HTML page and a PDF of a corpus statement parse to the same answer
as its text; the format is read from the content; an unreadable file is one clear error."""

import html
import re
from pathlib import Path

import pytest
from fpdf import FPDF

from graph.errors import LoadError
from loaders.documents import DocumentReadError, detect_format, read_document
from loaders.statement_loader import parse_statement_file
from loaders.statements import ParsedStatement
from tests.loaders.test_statement_corpus import CORPUS

# Layouts with a title list, lead-ins, colon lists, columns, bullets, numbers and semicolons.
SAMPLES = ["title_wrapped", "governments_official_long_orgs", "heads_of_state_together_with", "annex_column",
           "annex_bullets", "annex_numbered_iaea_forms", "annex_semicolon_column", "two_lists_each_commitment",
           "wrapped_inside_names", "colon_semicolons_iaea_forms"]
BULLET = re.compile(r"^\s*(?:[-•*]|\d+\.|\([a-z]\))\s+")


def browser_html(text: str) -> str:
    """The statement as a browser saves a page: head with scripts and styles, navigation, the title as
    <h1>, paragraphs as <p>, bulleted lines as <ul>, other lines broken with <br>."""
    paragraphs = [block for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]
    body = []
    for index, block in enumerate(paragraphs):
        lines = block.splitlines()
        if index == 0:
            dated = len(lines) > 1 and re.search(r"\b\d{4}\b", lines[-1]) and len(lines[-1]) < 25
            title = lines[:-1] if dated else lines
            body.append(f"<h1>{html.escape(' '.join(title))}</h1>")
            body += [f"<p class=\"date\">{html.escape(lines[-1])}</p>"] if dated else []
        elif all(BULLET.match(line) for line in lines):
            items = "".join(f"<li>{html.escape(BULLET.sub('', line))}</li>\n" for line in lines)
            body.append(f"<ul>\n{items}</ul>")
        else:
            body.append("<p>" + "<br>\n".join(html.escape(line).replace("  ", "&nbsp; ") for line in lines) + "</p>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Statement | Press</title>"
            "<style>p { margin: 0 }</style><script>window.dataLayer = [];</script></head>\n<body>"
            "<nav><a href=\"#main\">Skip to main content</a></nav><main id=\"main\">\n"
            + "\n".join(body) + "\n</main><footer>Share this page</footer></body></html>\n")


def pdf_bytes(text: str) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in text.split("\n"):
        if line.strip():
            pdf.multi_cell(0, 5, line.expandtabs(4), new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(5)
    return bytes(pdf.output())


def participants(parsed: ParsedStatement) -> list[tuple[str, list[str], list[str], list[str]]]:
    return [(found.role, sorted(found.states), sorted(found.organizations), [item.name for item in found.unmatched])
            for found in parsed.participant_lists]


@pytest.mark.parametrize("name", SAMPLES)
def test_html_and_pdf_parse_like_the_text(name: str, tmp_path: Path) -> None:
    source = CORPUS / f"{name}.txt"
    text = source.read_text(encoding="utf-8")
    expected = parse_statement_file(source)
    # Unknown suffixes on purpose: the format comes from the content.
    (tmp_path / "page.txt").write_text(browser_html(text), encoding="utf-8")
    (tmp_path / "download").write_bytes(pdf_bytes(text))
    for path, kind in ((tmp_path / "page.txt", "html"), (tmp_path / "download", "pdf")):
        assert read_document(path).format == kind
        parsed = parse_statement_file(path)
        assert participants(parsed) == participants(expected), kind
        assert (parsed.title, parsed.date) == (expected.title, expected.date), kind


def test_detect_format() -> None:
    assert detect_format(b"%PDF-1.7\n...") == "pdf"
    assert detect_format(b"\n<!doctype html><html>") == "html"
    assert detect_format(b"Joint Statement by Chile and Peru on X") == "text"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (bytes(range(256)) * 4, "binary content"),
        (b"%PDF-1.4\nthis is not a PDF body\n", "not a readable PDF"),
        ("Joint Statement by Chile".encode("latin-1") + b"\xe9\xff\xfe", "not UTF-8 text"),
    ],
)
def test_unreadable_file_is_one_clear_error(content: bytes, message: str, tmp_path: Path) -> None:
    path = tmp_path / "statement.txt"
    path.write_bytes(content)
    with pytest.raises(DocumentReadError, match=message) as raised:
        parse_statement_file(path)
    assert isinstance(raised.value, LoadError)
    assert str(path) in str(raised.value)

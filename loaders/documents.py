"""The text of a document as published: plain text, HTML saved from a browser, or PDF.

The format is read from the content (a PDF's `%PDF-` header, an HTML tag near the start), never
from the file name. A file that is none of them (binary, undecodable, a broken PDF) is one clear
LoadError naming the file, not a traceback.
"""

from __future__ import annotations

import io
import logging
import re
import textwrap
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from graph.errors import LoadError

DocumentFormat = Literal["text", "html", "pdf"]

_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body|p|div|h[1-6]|table|ul|ol)\b", re.IGNORECASE)
_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "section", "article",
                     "header", "blockquote", "dl", "main", "pre", "tr"})
_SKIPPED = frozenset({"script", "style", "head", "noscript", "template", "svg", "nav", "footer", "aside", "form",
                      "button"})


class DocumentReadError(LoadError):
    """The file cannot be read as a text, HTML or PDF document."""


@dataclass(frozen=True)
class Document:
    path: Path
    format: DocumentFormat
    text: str


def detect_format(data: bytes) -> DocumentFormat:
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if _HTML_START.search(data[:4096]):
        return "html"
    return "text"


def _decode(path: Path, data: bytes) -> str:
    """Text as UTF-8 (with or without BOM) or UTF-16 with a BOM; NUL bytes or other encodings are refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif b"\x00" in data:
        raise DocumentReadError(str(path), None, None, "binary content (NUL bytes): expected a text, HTML or PDF "
                                                       "document")
    else:
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise DocumentReadError(str(path), None, None, f"not UTF-8 text (byte {error.start}): expected a text, "
                                                       "HTML or PDF document") from error
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\n\r\t\f")
    if controls > max(8, len(text) // 100):
        raise DocumentReadError(str(path), None, None, "binary content (control characters): expected a text, "
                                                       "HTML or PDF document")
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _HTMLText(HTMLParser):
    """Visible text of a page: blocks become paragraphs, list items bulleted lines, <br> a line break."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.preformatted = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "pre":
            self.preformatted += 1
            self.parts.append("\n\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED and self.skipping:
            self.skipping -= 1
        elif tag == "pre" and self.preformatted:
            self.preformatted -= 1
            self.parts.append("\n\n")
        elif tag in _BLOCKS or tag in ("ul", "ol"):
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        self.parts.append(data if self.preformatted else re.sub(r"\s+", " ", data))

    def text(self) -> str:
        lines = [line.strip() for line in "".join(self.parts).replace("\xa0", " ").split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def html_to_text(html: str) -> str:
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    return parser.text()


def pdf_to_text(path: Path, data: bytes) -> str:
    """The PDF's text in layout mode, which keeps the blank lines between paragraphs; pages are joined
    as one flow, so a list or sentence cut by a page break stays whole."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text(extraction_mode="layout") for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise DocumentReadError(str(path), None, None, f"not a readable PDF: {error}") from error
    flow = "\n".join(page.strip("\n") for page in pages)
    lines = [line.rstrip() for line in flow.split("\n")]
    text = textwrap.dedent("\n".join(lines))
    if not text.strip():
        raise DocumentReadError(str(path), None, None, "the PDF has no text layer (a scan?): nothing to read")
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def read_document(path: Path) -> Document:
    """The document's text, whatever of the three formats it is in."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DocumentReadError(str(path), None, None, f"cannot read the file: {error.strerror or error}") from error
    kind = detect_format(data)
    if kind == "pdf":
        return Document(path, kind, pdf_to_text(path, data))
    text = _decode(path, data)
    return Document(path, kind, html_to_text(text) if kind == "html" else text)

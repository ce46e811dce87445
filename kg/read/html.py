"""HTML (and Markdown rendered to HTML) to plain text with paragraph breaks kept."""

from __future__ import annotations

import re

import markdown as md
from bs4 import BeautifulSoup, Comment

_DROP = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
         "button", "select", "template"]
_BLOCK = ["p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
          "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "figcaption"]
_MAIN = ["article", "main", "[itemprop=articleBody]", "#content", ".content", ".article", ".post-content",
         ".entry-content", "#article"]
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def soup(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "lxml")


def html_title(doc: BeautifulSoup) -> str:
    if doc.title and doc.title.get_text(strip=True):
        return doc.title.get_text(strip=True)
    h1 = doc.find("h1")
    return h1.get_text(strip=True) if h1 else ""


def html_to_text(markup: str | BeautifulSoup, main_only: bool = False, collapse: bool = True) -> str:
    """Visible text; scripts, styles, navigation dropped; one line per block element. With `collapse`,
    a single line break inside a block is the page source's layout, read as a browser reads it (a
    space), so each line is one of the page's paragraphs, headings or list items; a blank line still
    parts the paragraphs of Markdown text written between the tags."""
    doc = soup(markup) if isinstance(markup, str) else markup
    for tag in doc.find_all(_DROP):
        tag.decompose()
    for comment in doc.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    root = doc
    if main_only:
        for selector in _MAIN:
            found = doc.select_one(selector)
            if found and len(found.get_text(strip=True)) > 50:
                root = found
                break
        else:
            root = doc.body or doc
    if collapse:
        for piece in root.find_all(string=True):
            if "\n" in piece and piece.find_parent("pre") is None:
                piece.replace_with(_SOURCE_BREAK.sub(lambda m: "\n" if m.group().count("\n") > 1 else " ", piece))
    for tag in root.find_all(_BLOCK):
        tag.insert_before("\n")
        tag.insert_after("\n")
    return root.get_text()


_SOURCE_BREAK = re.compile(r"\s*\n\s*")


def holds_markup(body: str) -> bool:
    """A Markdown body written as raw HTML, whose blocks make its lines."""
    return "<" in body and ">" in body


def markdown_to_text(body: str) -> str:
    """Markdown (possibly holding raw HTML) to text; images vanish, links keep their words."""
    body = _MD_IMAGE.sub("", body)
    if holds_markup(body):
        body = _MD_LINK.sub(r"\1", body)
        return html_to_text(body)
    return html_to_text(md.markdown(body), collapse=False)  # a Markdown line break may end a phrase


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"<(p|div|br|span|img|a|h[1-6]|table|section)\b[^>]*>", text, re.I))

"""Markdown for narratives: text from data is escaped so no raw HTML, link or emphasis gets through."""
from __future__ import annotations

import html
import re


def markdown_escape(text: object) -> str:
    """Escape text from data for use inside generated Markdown (no raw HTML, no autolinks)."""
    text = html.escape(str(text), quote=False)
    text = re.sub(r"([\\`*_\[\]#|<>])", r"\\\1", text)
    return re.sub(r"(?i)\b(https?|ftp|www)(:|\.)", lambda m: m.group(1) + "\u2060" + m.group(2), text)


#: The heading of the reviewer's findings, shown apart from the draft (they are not report text).
REVIEW_HEADING = "#### Catatan pemeriksaan"


def review_block(lines) -> str | None:
    """The reviewer's findings of a page (checks of the document's claims, gaps in the data) as one
    Markdown block under "Catatan pemeriksaan", kept out of the draft a planner pastes; None if empty."""
    lines = [str(line).strip() for line in lines if line and str(line).strip()]
    if not lines:
        return None
    body = "\n".join(line if line.startswith("- ") else f"- {line}" for line in lines)
    return f"{REVIEW_HEADING}\n\n{body}"


def markdown_html(text: object) -> str:
    """Markdown (a draft or a planner's revision) as HTML; raw HTML in it is escaped, links are
    neutralised (mistune, the renderer nbconvert itself uses)."""
    import mistune

    return mistune.create_markdown(escape=True)(str(text))

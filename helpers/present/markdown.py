"""Markdown for narratives: text from data is escaped so no raw HTML, link or emphasis gets through."""
from __future__ import annotations

import html
import re


def markdown_escape(text: object) -> str:
    """Escape text from data for use inside generated Markdown (no raw HTML, no autolinks)."""
    text = html.escape(str(text), quote=False)
    text = re.sub(r"([\\`*_\[\]#|<>])", r"\\\1", text)
    return re.sub(r"(?i)\b(https?|ftp|www)(:|\.)", lambda m: m.group(1) + "\u2060" + m.group(2), text)

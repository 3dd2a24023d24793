"""How a page shows a narrative: the generated draft as Markdown, or the planner's revision
with the draft collapsed beneath it and the figures to check, as HTML.

Pandas-free on purpose: the runner shows a changed revision again with these functions without
running the page (:func:`helpers.run.build._show_revisions_again`), in a worker that needs no
table model.
"""
from __future__ import annotations

from pathlib import Path

MIME_MARKDOWN, MIME_HTML = "text/markdown", "text/html"


def narrative_display(draft: dict, data_dir: Path, tahun: int, before: list[dict]) -> tuple[dict, str, str]:
    """A narrative's page-model item and what the page shows for it, as ``(item, mime, text)``:
    the draft as Markdown, or, where the planner revised it, the revision with the draft and the
    figures to check as HTML. ``draft``: the item as the page computed it (kind, id, text, facts);
    ``before``: the items the page showed before it (its tables' figures confirm the revision's).
    The runner uses it too, to show a changed revision without running the page again."""
    from helpers.core import narasi

    found = narasi.revision(data_dir, tahun, draft["id"])
    if found is None:
        return draft, MIME_MARKDOWN, draft["text"]
    facts = draft["facts"]
    checks = narasi.check_revision(found, facts, narasi.table_figures(before))
    item = {**draft, "revisi": {"text": found.text, "berkas": f"{narasi.REVISIONS_DIR}/{tahun}/{found.path.name}",
                                "dibuat": str(found.meta.get("dibuat", "")),
                                "sidik_fakta": str(found.meta.get("sidik_fakta", "")),
                                "sidik_fakta_kini": narasi.facts_fingerprint(facts)},
            "periksa": [c.row() for c in checks]}
    return item, MIME_HTML, revision_html(item, checks)


def revision_html(item: dict, checks: list) -> str:
    """The revision under "Narasi (direvisi)", the current draft collapsed beneath it, and the
    figures to check (everything escaped: a revision is text written by a person)."""
    from html import escape

    from helpers.core.narasi import MATCHED
    from helpers.present.markdown import markdown_html

    revisi = item["revisi"]
    made = f", dibuat {escape(revisi['dibuat'][:10])}" if revisi["dibuat"] else ""  # the date of the ISO timestamp
    changed = (revisi["sidik_fakta"] and revisi["sidik_fakta"] != revisi["sidik_fakta_kini"])
    parts = ['<div class="narasi-direvisi">', "<h4>Narasi (direvisi)</h4>",
             f'<p class="pemberitahuan revisi">Revisi perencana tahun {escape(revisi["berkas"].split("/")[1])}{made}. '
             + ("Data di balik draf telah berubah sejak revisi dibuat; periksa angkanya." if changed else "")
             + "</p>", markdown_html(revisi["text"]),
             "<details><summary>Draf otomatis dari data saat ini</summary>", markdown_html(item["text"]),
             "</details>", "<h4>Angka yang perlu diperiksa</h4>"]
    flagged = [c for c in checks if c.status != MATCHED]
    if not checks:
        parts.append('<p class="pemberitahuan">Revisi tidak memuat angka yang dapat diperiksa.</p>')
    elif not flagged:
        parts.append(f'<p class="pemberitahuan">Semua {len(checks)} angka pada revisi cocok dengan data saat ini.</p>')
    else:
        label = {"tidak_ditemukan": "tidak ditemukan", "berubah": "berubah"}
        rows = "".join(f"<tr><td>{escape(c.angka)}</td><td>{escape(label.get(c.status, c.status))}</td>"
                       f"<td>{escape(c.keterangan)}</td></tr>" for c in flagged)
        parts.append(f'<p>{len(flagged)} dari {len(checks)} angka pada revisi tidak dikonfirmasi oleh data saat ini:</p>'
                     '<table class="renstra-tabel"><thead><tr><th scope="col">Angka</th><th scope="col">Status</th>'
                     f'<th scope="col">Menurut data saat ini</th></tr></thead><tbody>{rows}</tbody></table>')
    parts.append("</div>")
    return "".join(parts)

"""Run the session-wide builds of the tests in a child process (``python tests/session_builds.py SPEC``).

SPEC is a JSON file: a list of ``{"data_dir", "output_dir", "years"}``. Each build's results
(stem, tahun, status, seconds, error) are written to ``<output_dir>/results.json``. The test run
starts this process while it runs the tests that need no build (tests/conftest.py)."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(spec_path: str) -> int:
    from helpers.run.build import build
    from helpers.run.kernel import ensure_kernel

    ensure_kernel("renstra")
    for job in json.loads(Path(spec_path).read_text(encoding="utf-8")):
        out = Path(job["output_dir"])
        try:
            report = build(job["years"], jobs=min(2, os.cpu_count() or 1), data_dir=job["data_dir"], output_dir=out)
            results = [{"stem": r.stem, "tahun": r.tahun, "status": r.status, "seconds": r.seconds, "error": r.error}
                       for r in report.results]
            payload = {"results": results}
        except Exception as exc:  # noqa: BLE001 - reported to the fixture that needs this build
            payload = {"results": [], "error": f"{type(exc).__name__}: {exc}"}
        # Written whole and renamed: the test run polls for this file and must never read half of it.
        partial = out.parent / f".{out.name}.results.json.tmp"
        partial.write_text(json.dumps(payload), encoding="utf-8")
        os.replace(partial, out.parent / f"{out.name}.results.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))

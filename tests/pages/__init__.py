"""Page tests (a package, so that tests/pages/test_audit.py and tests/core/test_audit.py can share a name)."""

"""The pip requirements and environment.yml pin the same packages, and the venv matches them."""
import re
from importlib import metadata
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]


def _pins(lines):
    pins = {}
    for line in lines:
        line = line.split("#", 1)[0].strip()
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([A-Za-z0-9_.\-]+)", line)
        if match:
            pins[match.group(1).lower().replace("_", "-")] = match.group(2)
        elif line:
            raise AssertionError(f"unpinned requirement {line!r}: pin it with ==")
    return pins


def requirements_pins():
    return _pins((REPO / "requirements.txt").read_text(encoding="utf-8").splitlines())


def environment_pins():
    env = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    pip_lists = [d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert pip_lists, "environment.yml has no pip section"
    return _pins(pip_lists[0])


def test_requirements_and_environment_agree():
    req, env = requirements_pins(), environment_pins()
    assert req, "requirements.txt pins nothing"
    assert req == env, {"only in requirements.txt": set(req) - set(env),
                        "only in environment.yml": set(env) - set(req),
                        "different versions": {k for k in req.keys() & env.keys() if req[k] != env[k]}}


def test_stack_of_the_design_card_is_pinned():
    req = requirements_pins()
    for package in ("pandas", "matplotlib", "seaborn", "papermill", "nbconvert", "jupyterlab"):
        assert package in req, f"{package} is not pinned"


def test_installed_versions_match_pins():
    mismatched = {}
    for name, version in requirements_pins().items():
        installed = metadata.version(name)
        if installed != version:
            mismatched[name] = (version, installed)
    assert not mismatched, f"installed packages differ from the pins: {mismatched}"

"""The README's screenshot table names screenshots the browser tests really write (module--test.png)."""

import re
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SHOT = re.compile(r"test-output/(test_\w+)--(test_\w+|\*)(?:\[\w+\])?\.png")


def test_every_screenshot_the_readme_names_comes_from_a_browser_test() -> None:
    named = SHOT.findall((REPO_ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(named) >= 5
    for module, test in named:
        source = (REPO_ROOT / "tests" / "viz" / f"{module}.py").read_text(encoding="utf-8")
        assert "session" in source, f"{module} drives no browser session, so it keeps no screenshot"
        if test != "*":
            assert f"def {test}(" in source, f"README names {module}--{test}.png, but {module} has no {test}"

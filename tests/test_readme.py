"""The README stays true: every setting documented, the two commands those of the Makefile."""

import re
from pathlib import Path

from rutin.config import Settings, settings_markdown_table

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_settings_table_is_the_one_generated_from_the_settings():
    assert settings_markdown_table() in README, "run: python -m rutin.config, paste into README"


def test_every_setting_is_documented_in_the_readme():
    for name in Settings.model_fields:
        assert f"RUTIN_{name.upper()}" in README


def test_readme_commands_exist_in_the_makefile_and_ci_runs_the_test_command():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("run", "test", "bench"):
        assert f"make {target}" in README
        assert re.search(rf"^{target}:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_has_no_unfilled_placeholders():
    assert not re.search(r"^[A-Z_]+_(TABLE|SECTION|FIGURES)$|NOT_MEASURED", README, re.M)

"""The codebook: the shipped default loads; every malformed file names the file, field and fix."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from evidence_lab.codebook import OTHER_THEME, default_codebook_path, load_codebook
from evidence_lab.errors import CodebookError

GOOD_THEME = """
  - id: engagement
    label: Engagement
    description: How the Commissioner talks to the public.
"""

ONE_THEME = "target:\n  name: PCC\nthemes:\n  - id: engagement\n    label: E\n    description: D\n"


def write(tmp_path: Path, text: str, name: str = "codebook.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_default_codebook_loads():
    book = load_codebook()
    assert book.theme_ids == ["engagement", "commissioning", "partnerships", "operational_policing"]
    assert OTHER_THEME not in book.theme_ids
    assert book.target.name == "Police and Crime Commissioner"
    assert "PCC" in book.target.aliases
    assert book.source == "default"
    assert book.sha256 == hashlib.sha256(default_codebook_path().read_bytes()).hexdigest()
    assert all(theme.examples for theme in book.themes)
    assert book.label_of("commissioning") == "Commissioning and funding"
    assert book.label_of(OTHER_THEME) == "Other"


def test_target_names_longest_first():
    names = load_codebook().target.all_names()
    assert names[0] == "Office of the Police and Crime Commissioner"
    assert [len(n) for n in names] == sorted((len(n) for n in names), reverse=True)


def test_custom_codebook_loads(tmp_path):
    path = write(tmp_path, f"""
name: Fire review
target:
  name: Fire Commissioner
  aliases: [the Commissioner]
themes:{GOOD_THEME}
  - id: estates_2
    label: Estates
    description: >-
      Fire stations and
      their upkeep.
    examples:
      - The new station opened on time.
""")
    book = load_codebook(path)
    assert book.name == "Fire review"
    assert book.source == str(path)
    assert book.theme_ids == ["engagement", "estates_2"]
    assert book.theme("estates_2").description == "Fire stations and their upkeep."
    assert book.theme("estates_2").examples == ("The new station opened on time.",)
    assert book.theme("estates_2").prompt_texts()[0] == "Estates: Fire stations and their upkeep."


# (case, YAML text, field named in the message, words of the problem, words of the fix)
MALFORMED = [
    ("not_yaml", "target: [unclosed\nthemes: {\n", r"\(file\)", r"is not valid YAML at line \d+",
     "check indentation and quoting"),
    ("not_a_mapping", "- just\n- a list\n", r"\(top level\)", "is not a mapping",
     "write 'target:' and 'themes:' keys"),
    ("no_target", f"themes:{GOOD_THEME}", "target.name", "is missing",
     "add 'target:' with a 'name:'"),
    ("target_not_mapping", f"target: PCC\nthemes:{GOOD_THEME}", "target", "is a str, not a mapping",
     "indented 'name:'"),
    ("aliases_not_list", f"target:\n  name: PCC\n  aliases: PCC\nthemes:{GOOD_THEME}",
     "target.aliases", "is not a list of names or phrases", "YAML list of strings"),
    ("no_themes", "target:\n  name: PCC\n", "themes", "is missing or empty",
     "list at least one theme"),
    ("empty_themes", "target:\n  name: PCC\nthemes: []\n", "themes", "is missing or empty",
     "list at least one theme"),
    ("themes_mapping", "target:\n  name: PCC\nthemes:\n  engagement: talk\n", "themes",
     "is a dict, not a list", "list item starting with '- id:'"),
    ("theme_not_mapping", "target:\n  name: PCC\nthemes:\n  - engagement\n", r"themes\[0\]",
     "is not a mapping", "'id:', 'label:', 'description:'"),
    ("bad_id",
     "target:\n  name: PCC\nthemes:\n  - id: Public Engagement\n    label: E\n    description: D\n",
     r"themes\[0\]\.id", "'Public Engagement' is not a valid id",
     "lower-case letters, digits and underscores"),
    ("missing_id", "target:\n  name: PCC\nthemes:\n  - label: E\n    description: D\n",
     r"themes\[0\]\.id", "'' is not a valid id", "lower-case letters"),
    ("duplicate_id", f"target:\n  name: PCC\nthemes:{GOOD_THEME}{GOOD_THEME}", r"themes\[\]\.id",
     "repeats engagement", "give every theme a unique id"),
    ("reserved_other",
     f"target:\n  name: PCC\nthemes:{GOOD_THEME}  - id: other\n    label: O\n    description: D\n",
     r"themes\[1\]\.id", "'other' is reserved", "labelled 'other' automatically"),
    ("no_label", "target:\n  name: PCC\nthemes:\n  - id: engagement\n    description: D\n",
     r"themes\[0\]\.label", "is missing or empty", "give theme 'engagement' a one-line label"),
    ("examples_not_list", f"{ONE_THEME}    examples: The Commissioner came.\n",
     r"themes\[0\]\.examples", "is not a list of statements", "YAML list of strings"),
    ("examples_not_strings", f"{ONE_THEME}    examples:\n      - {{a: 1}}\n",
     r"themes\[0\]\.examples", "is not a list of statements", "YAML list of strings"),
]


@pytest.mark.parametrize(("case", "text", "field", "problem", "fix"), MALFORMED,
                         ids=[m[0] for m in MALFORMED])
def test_malformed_codebook_names_file_field_and_fix(tmp_path, case, text, field, problem, fix):
    path = write(tmp_path, text, f"{case}.yaml")
    pattern = (rf"^{re.escape(str(path))}: field '{field}': {problem}\. "
               rf"Fix: .*{re.escape(fix)}")
    with pytest.raises(CodebookError, match=pattern) as info:
        load_codebook(path)
    assert info.value.path == str(path)
    assert "\n" not in str(info.value)


def test_missing_codebook_file(tmp_path):
    path = tmp_path / "nope.yaml"
    with pytest.raises(CodebookError, match=r"nope\.yaml: field '\(file\)': cannot be read .*"
                       r"Fix: pass the path of an existing YAML codebook"):
        load_codebook(path)


def test_codebook_not_utf8(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes("target:\n  name: Comisari\xe9\n".encode("latin-1"))
    with pytest.raises(CodebookError, match=r"field '\(file\)': is not UTF-8 text\. Fix: save"):
        load_codebook(path)


def test_codebook_error_is_a_value_error(tmp_path):
    with pytest.raises(ValueError, match="is missing or empty"):
        load_codebook(write(tmp_path, "target:\n  name: PCC\n"))

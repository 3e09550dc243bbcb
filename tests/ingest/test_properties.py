"""Property: whatever bytes sit under a supported extension, its reader returns documents or
raises :class:`UnreadableFileError`, never anything else.

Bytes come from three sources: random, random after a likely prefix (a BOM, ``%PDF``, ``PK``), and
real files cut short, overwritten or spliced (for .docx/.xlsx also inside a valid zip).
"""

from __future__ import annotations

import codecs
import io
import json
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence_lab.errors import UnreadableFileError
from evidence_lab.ingest import READERS, RawDocument

PREFIXES = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE,
            b"%PDF-1.4\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"text\n",
            b"submission_id;text\n", b"\xef\xbb\xbfsubmission_id,text\nA,"]
LETTER = "The Commissioner’s office replied late; funding (£30k) was cut.\n• Patrols fell.\n"


class Seeds(dict):
    def __repr__(self) -> str:  # hypothesis prints the arguments of a failing example
        return "<one valid file per extension>"


@pytest.fixture(scope="module")
def seeds(build, tmp_path_factory) -> dict[str, bytes]:
    """One valid file per extension, to damage."""
    folder = tmp_path_factory.mktemp("seeds")
    return Seeds({
        ".txt": LETTER.encode("utf-16"),
        ".md": ("# Response\n\n" + LETTER).encode("cp1252"),
        ".csv": ("submission_id,organisation,text\nA1,Org,\"" + LETTER + "\"\n").encode("utf-8"),
        ".docx": build.docx(folder / "s.docx", LETTER.splitlines(),
                            table=[["a", "b"], ["c", "d"]]).read_bytes(),
        ".xlsx": build.xlsx(folder / "s.xlsx", [["submission_id", "text"], ["A1", LETTER]]
                            ).read_bytes(),
        ".pdf": build.pdf_bytes([LETTER.splitlines(), ["Page two."]]),
        ".jsonl": (json.dumps({"id": "A1", "text": LETTER}) + "\n").encode("utf-8"),
        ".html": _page(LETTER).encode("utf-8"),
        ".htm": _page(LETTER).encode("cp1252"),
        ".eml": _email(LETTER),
        ".odt": build.odt(folder / "s.odt", LETTER.splitlines(), heading="Response",
                          table=[["a", "b"]]).read_bytes(),
    })


def _page(text: str) -> str:
    items = "".join(f"<li>{line}</li>" for line in text.splitlines())
    return f"<html><head><title>t</title></head><body><h1>Response</h1><ul>{items}</ul></body></html>"


def _email(text: str) -> bytes:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"], message["Subject"] = "clerk@example.org", "Response"
    message.set_content(text)
    return message.as_bytes()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("random_files")


@st.composite
def damaged(draw, seed: bytes) -> bytes:
    """``seed`` cut short, overwritten or spliced at up to three random places."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 3))):
        position = draw(st.integers(0, len(data)))
        operation = draw(st.sampled_from(["cut", "overwrite", "insert"]))
        if operation == "cut":
            del data[position:]
        else:
            patch = draw(st.binary(min_size=1, max_size=64))
            end = position + len(patch) if operation == "overwrite" else position
            data[position:end] = patch
    return bytes(data)


@st.composite
def damaged_part(draw, seed: bytes) -> bytes:
    """A valid zip whose parts (XML) are damaged: gets past the zip checks into the parser."""
    source = zipfile.ZipFile(io.BytesIO(seed))
    names = [info.filename for info in source.infolist()]
    target = draw(st.sampled_from(names))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            part = source.read(name)
            archive.writestr(name, draw(damaged(part)) if name == target else part)
    return out.getvalue()


def contents(suffix: str, seed: bytes) -> st.SearchStrategy[bytes]:
    options = [
        st.binary(max_size=3000),
        st.builds(lambda p, b: p + b, st.sampled_from(PREFIXES), st.binary(max_size=2000)),
        damaged(seed),
    ]
    if suffix in (".docx", ".xlsx", ".odt"):
        options.append(damaged_part(seed))
    return st.one_of(options)


@pytest.mark.parametrize("suffix", sorted(READERS))
@settings(max_examples=50, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_reader_raises_only_unreadable_file_error(suffix, seeds, workdir, data):
    content = data.draw(contents(suffix, seeds[suffix]), label="content")
    path = workdir / f"random{suffix}"
    path.write_bytes(content)
    try:
        documents = READERS[suffix](path)
    except UnreadableFileError as exc:
        assert exc.path == str(path)
        assert exc.reason.strip()
        assert "\n" not in exc.reason
        return
    assert documents
    for document in documents:
        assert isinstance(document, RawDocument)
        assert isinstance(document.text, str) and document.text.strip()
        assert "\r" not in document.text
        assert document.source.startswith(str(path))


@pytest.mark.parametrize("suffix", sorted(READERS))
def test_seed_files_are_readable(suffix, seeds, workdir):
    """The undamaged seeds read cleanly, so the property above starts from real files."""
    path = workdir / f"seed{suffix}"
    path.write_bytes(seeds[suffix])
    [document] = READERS[suffix](path)
    assert "Commissioner’s office replied late" in document.text

"""Adding a call for evidence to a review: ingest once, segment once, embed each statement once."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReviewStoreError
from ..ingest import SkippedFile, read_inputs
from ..segmentation import segment, without_furniture
from ..store import ReviewStore, content_hash
from ._embedder import StoreEmbedder


@dataclass(frozen=True)
class CallSummary:
    """What :meth:`Review.add_call` stored.

    Attributes:
        call_id: the call the new submissions joined; None when nothing was new (nothing stored).
        name: the call's name.
        existing_call: True when the submissions joined a call already in the review (same name).
        n_submissions: new submissions stored.
        n_already_stored: submissions skipped because the review already holds them (same id, same
            text).
        renamed: ``{ingest id: stored id}`` for new texts whose id the review already used.
        n_segments: statements stored.
        n_embedded: statements embedded now (the others' vectors were already in the store).
        skipped: files that could not be read, with reasons.
    """

    call_id: int | None
    name: str
    existing_call: bool
    n_submissions: int
    n_already_stored: int
    renamed: dict[str, str] = field(default_factory=dict)
    n_segments: int = 0
    n_embedded: int = 0
    skipped: list[SkippedFile] = field(default_factory=list)

    def __str__(self) -> str:
        if self.call_id is None:
            lines = [(f"Nothing new in '{self.name}': all {self.n_already_stored} submission(s) "
                      "are already in the review.")]
        else:
            joined = " (added to the existing call)" if self.existing_call else ""
            reused = self.n_segments - min(self.n_embedded, self.n_segments)
            lines = [(f"Call {self.call_id} '{self.name}'{joined}: {self.n_submissions} new "
                      f"submission(s), {self.n_segments} statements; {self.n_embedded} embedded "
                      f"now, {reused} reused.")]
            if self.n_already_stored:
                lines.append(f"{self.n_already_stored} submission(s) already in the review were "
                             "skipped.")
        for old, new in self.renamed.items():
            lines.append(f"{old}: the review already holds a different text with this id; "
                         f"stored as {new}.")
        lines += [f"Could not read {s.path}: {s.reason}" for s in self.skipped]
        return "\n".join(lines)


def add_call(store: ReviewStore, embedder: StoreEmbedder,
             inputs: Sequence[str | Path] | str | Path, name: str | None = None, *,
             show_progress: bool = True) -> CallSummary:
    """Ingest a call for evidence: store its new submissions, their statements and vectors.

    A submission already stored (same ``submission_id``, same text) is skipped; a new text whose
    id is taken is stored as ``<id>-c<call_id>``. Only statements whose (text, model) has no
    vector in the store are embedded. Nothing is stored unless everything is.

    Args:
        inputs: files and/or folders, as for :func:`evidence_lab.ingest.read_inputs`.
        name: the call's name; default the folder's (or file's) name. Submissions added under the
            name of a call already in the review join that call (a call that grows over weeks).
        show_progress: show progress bars and report skipped files on stderr.

    Raises:
        NoInputError: when no input could be read.
    """
    paths = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    if not paths:
        raise ReviewStoreError("add_call needs at least one file or folder of submissions")
    name = (name or call_name(paths)).strip()
    if not name:
        raise ReviewStoreError("the call's name is empty; pass a name such as 'October call'")
    ingest = read_inputs(paths, quiet=not show_progress)
    subs = ingest.submissions.copy()
    subs["source_id"] = subs["submission_id"]
    stored = store.submission_keys()
    is_new = [(sid, content_hash(text)) not in stored
              for sid, text in zip(subs["submission_id"], subs["text"], strict=True)]
    new = subs[is_new].reset_index(drop=True)
    existing = store.call_id(name)
    call_id = existing if existing is not None else store.next_call_id()
    summary = CallSummary(call_id=None, name=name, existing_call=existing is not None,
                          n_submissions=0, n_already_stored=len(subs) - len(new),
                          skipped=list(ingest.skipped))
    if new.empty:
        return summary
    taken = store.submission_ids()
    renamed: dict[str, str] = {}
    final_ids = []
    for sid in new["submission_id"]:
        final = sid
        if final in taken:
            final = f"{sid}-c{call_id}"
            while final in taken:
                final += "x"
            renamed[sid] = final
        taken.add(final)
        final_ids.append(final)
    new["submission_id"] = final_ids
    segs = segment(new, show_progress=show_progress)
    # letter furniture (salutations, sign-offs, signature blocks) is not evidence: never stored
    segs = without_furniture(segs)
    before = embedder.n_encoded
    embedder.encode(segs["text"].tolist(), show_progress=show_progress)  # stored first
    with store.transaction():
        store.add_call(call_id, name, [str(Path(p).resolve()) for p in paths], ingest.files,
                            [{"path": s.path, "reason": s.reason} for s in ingest.skipped])
        store.add_submissions(new, call_id)
        store.add_segments(segs, call_id)
    return dataclasses.replace(summary, call_id=call_id, n_submissions=len(new), renamed=renamed,
                               n_segments=len(segs),
                               n_embedded=embedder.n_encoded - before)



def call_name(paths: Sequence[str | Path]) -> str:
    """A call's default name: its folder's (or file's) name."""
    resolved = [Path(p).resolve() for p in paths]
    if len(resolved) == 1:
        return resolved[0].stem if resolved[0].is_file() else resolved[0].name
    if len({p.parent for p in resolved}) == 1 and all(p.is_file() for p in resolved):
        return resolved[0].parent.name
    return " + ".join(p.name for p in resolved)

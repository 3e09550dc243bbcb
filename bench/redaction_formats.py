"""Recall of the redactor on tests/data/redaction_formats.csv, and its organisation false positives.

    python bench/redaction_formats.py            # per-kind recall, misses, organisations blanked

A personal-data row counts as caught when none of its ``secret`` parts (``|``-separated) is left
in the redacted text; an organisation row is a false positive when its name is not left whole.
"""

from __future__ import annotations

import csv
import sys
import time
from collections import defaultdict
from pathlib import Path

from evidence_lab import Codebook, Target, Theme
from evidence_lab.redact import Redactor

TABLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "redaction_formats.csv"
CODEBOOK = Codebook(
    "formats", Target("Police and Crime Commissioner", aliases=("Commissioner", "PCC"),
                      office_holders=("Sarah Pennington", "Dawn Okafor")),
    (Theme("engagement", "Engagement", "How the Commissioner engages with the public."),))


def main() -> int:
    with TABLE.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    redactor = Redactor(codebook=CODEBOOK)
    start = time.perf_counter()
    outputs = redactor.redact_many([r["text"] for r in rows])
    seconds = time.perf_counter() - start
    caught: dict[str, list[bool]] = defaultdict(list)
    for row, out in zip(rows, outputs, strict=True):
        if row["kind"] == "organisation":
            ok = row["secret"] in out
        else:
            ok = not any(part.lower() in out.lower() for part in row["secret"].split("|"))
        caught[row["kind"]].append(ok)
        if not ok:
            print(f"  {'blanked' if row['kind'] == 'organisation' else 'missed'} "
                  f"[{row['kind']}] {row['text']!r} -> {out!r}")
    personal = [ok for kind, oks in caught.items() if kind != "organisation" for ok in oks]
    for kind, oks in sorted(caught.items()):
        print(f"{kind:13s} {sum(oks)}/{len(oks)}")
    orgs = caught.get("organisation", [])
    print(f"recall {sum(personal)}/{len(personal)} = {sum(personal) / len(personal):.3f}; "
          f"organisations blanked {len(orgs) - sum(orgs)}/{len(orgs)}; "
          f"{seconds:.2f} s for {len(rows)} rows (model loaded once)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

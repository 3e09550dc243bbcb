"""Command line: a thin layer over the Python API. User errors become one line and an exit code.

Exit codes: 0 success; 1 some input files were skipped (the rest was analysed); 2 a user error
(bad arguments, unreadable codebook, no readable input).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import EvidenceLabError

EXIT_OK, EXIT_SKIPPED, EXIT_USER_ERROR = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="evidence-lab",
        description="Analyse written evidence sent to a Police and Crime Panel's scrutiny review.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    analyse = commands.add_parser("analyse", help="analyse a call for evidence and write the outputs",
                                  description="Read submissions, code themes and stance toward the "
                                  "target, draft findings, and write CSVs, findings and a report.")
    analyse.add_argument("inputs", nargs="+", metavar="INPUT",
                         help="files or folders (.txt .md .docx .pdf .csv .xlsx; manifest.csv applies)")
    mode = analyse.add_mutually_exclusive_group()
    mode.add_argument("--codebook", metavar="FILE.yaml", help="codebook (default: the shipped PCC one)")
    mode.add_argument("--discover", action="store_true", help="group by themes discovered in the data")
    analyse.add_argument("--out", required=True, metavar="DIR", help="output folder")
    analyse.add_argument("--title", help="name of the call for evidence, used in the draft")
    analyse.add_argument("--seed", type=int, default=0, help="random seed for discovery (default 0)")
    analyse.add_argument("--quiet", action="store_true", help="no progress bars")

    evaluate = commands.add_parser("evaluate", help="score the tool against a hand-coded sample",
                                   description="Macro-F1, accuracy, Cohen's kappa and Krippendorff's "
                                   "alpha for themes and stance against a gold JSONL file.")
    evaluate.add_argument("gold", metavar="GOLD.jsonl", help="JSON Lines with text, theme, pcc_sentiment")
    evaluate.add_argument("--codebook", metavar="FILE.yaml", help="codebook (default: the shipped one)")
    evaluate.add_argument("--json", action="store_true", help="print the full scores as JSON")
    return parser


def _version() -> str:
    from . import __version__

    return __version__


def _cmd_analyse(args: argparse.Namespace) -> int:
    from .pipeline import analyse

    result = analyse(args.inputs, codebook=args.codebook, discover=args.discover,
                     show_progress=not args.quiet, random_state=args.seed)
    if args.title:
        result.run["title"] = args.title
    out = result.to_dir(args.out)
    counts = result.run["counts"]
    print(f"Analysed {counts['submissions']} submissions ({counts['segments']} statements) into "
          f"{counts['themes']} themes, {counts['findings']} findings and "
          f"{counts['recommendations']} draft recommendations.")
    print(f"Report: {Path(out, 'report.html')}")
    print(f"Draft findings: {Path(out, 'findings.md')} and {Path(out, 'findings.docx')}")
    if result.skipped:
        print(f"{len(result.skipped)} file(s) could not be read; see run.json:", file=sys.stderr)
        for item in result.skipped:
            print(f"  {item.path}: {item.reason}", file=sys.stderr)
        return EXIT_SKIPPED
    return EXIT_OK


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import evaluate

    scores = evaluate(args.gold, codebook=args.codebook)
    if args.json:
        print(json.dumps(scores, indent=2))
        return EXIT_OK
    print(f"{'task':<16}{'n':>5}{'macro-F1':>10}{'accuracy':>10}{'kappa':>8}{'alpha':>8}")
    for task, s in scores.items():
        print(f"{task:<16}{s['n']:>5}{s['macro_f1']:>10.3f}{s['accuracy']:>10.3f}"
              f"{s['cohen_kappa']:>8.3f}{s['krippendorff_alpha']:>8.3f}")
        print("    per class: " + ", ".join(f"{k} {v:.2f}" for k, v in s["f1_per_class"].items()))
    return EXIT_OK


COMMANDS = {"analyse": _cmd_analyse, "evaluate": _cmd_evaluate}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``evidence-lab`` command."""
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except EvidenceLabError as exc:
        print(f"evidence-lab: error: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("evidence-lab: interrupted; earlier outputs are unchanged", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

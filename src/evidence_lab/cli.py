"""Command line: a thin layer over the Python API. User errors become one line and an exit code.

Commands: ``analyse`` (a call, or a whole review with ``--review``), ``evaluate``, and for a review
kept in a store file: ``ingest``, ``diff``, ``relabel`` (one statement, or a coding file),
``suggest`` (what to code next), ``findings``, and ``review`` (the review page in a browser).

Exit codes: 0 success; 1 some input files were skipped (the rest was analysed or stored); 2 a user
error (bad arguments, unreadable codebook, no readable input, unknown review, finding or statement).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import EvidenceLabError

EXIT_OK, EXIT_SKIPPED, EXIT_USER_ERROR = 0, 1, 2
#: the stance labels (``schema.SENTIMENT_LABELS``, spelt out so that parsing arguments does not
#: import pandas; a test keeps the two equal)
STANCES = ("positive", "negative", "mixed", "neutral")
FINDING_ACTIONS = ("list", "accept", "edit", "reject")


if TYPE_CHECKING:
    from .analysis import Analysis


class _UsageError(EvidenceLabError):
    """Arguments that parse but do not go together."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="evidence-lab",
        description="Analyse written evidence sent to a Police and Crime Panel's scrutiny review.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    analyse = commands.add_parser("analyse", help="analyse a call for evidence and write the outputs",
                                  description="Read submissions, code themes and stance toward the "
                                  "target, draft findings, and write CSVs, findings and a report.")
    analyse.add_argument("inputs", nargs="*", metavar="INPUT",
                         help="files or folders (.txt .md .docx .odt .pdf .csv .xlsx .jsonl .html .eml; manifest.csv applies); "
                         "required unless --review is given")
    analyse.add_argument("--review", metavar="REVIEW.duckdb",
                         help="analyse every call stored in this review instead of INPUT")
    mode = analyse.add_mutually_exclusive_group()
    mode.add_argument("--codebook", metavar="FILE.yaml", help="codebook (default: the shipped one)")
    mode.add_argument("--discover", action="store_true", help="group by themes discovered in the data")
    analyse.add_argument("--out", required=True, metavar="DIR", help="output folder")
    analyse.add_argument("--title", help="name of the call for evidence, used in the draft")
    analyse.add_argument("--seed", type=int, default=0, help="random seed for discovery (default 0)")
    analyse.add_argument("--quiet", action="store_true", help="no progress bars")
    analyse.add_argument("--engine", choices=["local", "dask"], default="local",
                         help="where segmenting and embedding run (default local; dask: a Dask "
                         "cluster, local unless --scheduler is given)")
    analyse.add_argument("--scheduler", metavar="ADDRESS",
                         help="Dask scheduler address for --engine dask (e.g. tcp://host:8786)")
    analyse.add_argument("--no-redact", action="store_true",
                         help="do not redact personal data from the outputs (default: redact)")
    analyse.add_argument("--keep", action="append", default=[], metavar="NAME",
                         help="a name never to redact (repeatable); codebook office holders are kept")

    evaluate = commands.add_parser("evaluate", help="score the tool against a hand-coded sample",
                                   description="Macro-F1, accuracy, Cohen's kappa and Krippendorff's "
                                   "alpha for themes and stance against a gold JSONL file.")
    evaluate.add_argument("gold", metavar="GOLD", nargs="?",
                          help="JSON Lines, or a .csv/.xlsx sheet, with text, theme, "
                               "pcc_sentiment (or stance)")
    evaluate.add_argument("--heldout", action="store_true",
                          help="score the shipped corpus's held-out split with models fitted "
                          "without it (instead of GOLD)")
    evaluate.add_argument("--codebook", metavar="FILE.yaml", help="codebook (default: the shipped one)")
    evaluate.add_argument("--json", action="store_true", help="print the full scores as JSON")
    evaluate.add_argument("--learning-curve", metavar="K,K,...",
                          help="treat K gold statements as an officer's corrections (random and "
                          "suggested) and score the rest, e.g. 0,10,20,40")
    evaluate.add_argument("--seeds", type=int, default=5,
                          help="draws per K for --learning-curve (default 5)")
    evaluate.add_argument("--errors", metavar="FILE.csv",
                          help="write every disagreement with the tool's scores and evidence spans")

    ingest = commands.add_parser("ingest", help="add a call for evidence to a review store",
                                 description="Read a call's submissions into the review store "
                                 "(created if needed): new submissions are segmented and embedded "
                                 "once; those already stored are skipped.")
    ingest.add_argument("inputs", nargs="+", metavar="CALL",
                        help="files or folders of the call (manifest.csv applies)")
    ingest.add_argument("--review", required=True, metavar="REVIEW.duckdb", help="the review store")
    ingest.add_argument("--name", help="name of the call (default: the folder's name); an existing "
                        "call's name adds the submissions to that call")
    ingest.add_argument("--quiet", action="store_true", help="no progress bars")

    diff = commands.add_parser("diff", help="what the latest call changed in a review",
                               description="New organisations, statements per theme before and "
                               "after, stance shifts per theme and new themes, from the latest run.")
    diff.add_argument("--review", required=True, metavar="REVIEW.duckdb", help="the review store")

    relabel = commands.add_parser("relabel", help="correct a statement's theme or stance",
                                  description="Record an officer's label for one statement; the "
                                  "next analyse keeps it and learns from it.")
    relabel.add_argument("segment_id", metavar="SEGMENT_ID", nargs="?",
                         help="the statement (segments.csv); or use --from-file")
    relabel.add_argument("--from-file", metavar="FILE",
                         help="a .csv or .xlsx of segment_id (or text), theme, pcc_sentiment, "
                         "optional note: many labels at once (what suggest writes)")
    relabel.add_argument("--review", required=True, metavar="REVIEW.duckdb", help="the review store")
    relabel.add_argument("--theme", help="the statement's theme id (from the codebook, or other)")
    relabel.add_argument("--stance", choices=STANCES,
                         help="the statement's stance toward the target")
    relabel.add_argument("--by", default="officer", help="who made the correction (default officer)")

    findings = commands.add_parser("findings", help="list, accept, edit or reject draft findings",
                                   description="List a review's findings with their status, or "
                                   "record a decision on one: accept ID, edit ID TEXT, reject ID.")
    findings.add_argument("action", nargs="?", default="list", choices=FINDING_ACTIONS,
                          help="what to do (default list)")
    findings.add_argument("finding_id", nargs="?", metavar="ID", help="the finding (findings.csv)")
    findings.add_argument("text", nargs="?", metavar="TEXT", help="the new text, for edit")
    findings.add_argument("--review", required=True, metavar="REVIEW.duckdb", help="the review store")
    findings.add_argument("--all", action="store_true",
                          help="list also findings the latest run no longer drafts")

    suggest = commands.add_parser("suggest", help="the statements to code next",
                                  description="Pick the statements whose coding would teach the "
                                  "review's models most (uncertain, representative, diverse) and "
                                  "write them with the tool's current labels, in the format "
                                  "relabel --from-file reads back.")
    suggest.add_argument("--review", required=True, metavar="REVIEW.duckdb", help="the review store")
    suggest.add_argument("-n", type=int, default=30, help="how many statements (default 30)")
    suggest.add_argument("--out", metavar="FILE", help="write them to this .xlsx or .csv file")
    suggest.add_argument("--codebook", metavar="FILE.yaml",
                         help="codebook (default: the one the review's latest run used)")
    suggest.add_argument("--no-redact", action="store_true",
                         help="keep personal data in the statements' text")

    review = commands.add_parser("review", help="open the review page in a browser (no code)",
                                 description="Analyse a review and serve its page on 127.0.0.1: "
                                 "page through statements by theme, stance and organisation, "
                                 "relabel them, and accept, edit or reject the findings. Each "
                                 "decision is saved in the review. Stop with Ctrl+C.")
    review.add_argument("--review", required=True, metavar="REVIEW.duckdb", help="the review store")
    review.add_argument("--port", type=int, metavar="P",
                        help="port on 127.0.0.1 (default 8866, or the next free one)")
    review.add_argument("--codebook", metavar="FILE.yaml",
                        help="codebook (default: the one the review's latest run used)")
    review.add_argument("--by", default="officer", help="who is reviewing (default officer)")
    review.add_argument("--no-browser", action="store_true",
                        help="print the page's address instead of opening a browser")
    return parser


def _version() -> str:
    from ._version import __version__

    return __version__


def _cmd_analyse(args: argparse.Namespace) -> int:
    if args.review:
        return _cmd_analyse_review(args)
    if not args.inputs:
        raise _UsageError("analyse needs INPUT files or folders, or --review REVIEW.duckdb")
    from .pipeline import analyse

    result = analyse(args.inputs, codebook=args.codebook, discover=args.discover,
                     show_progress=not args.quiet, random_state=args.seed, engine=args.engine,
                     scheduler=args.scheduler)
    return _write_analysis(result, args)


def _write_analysis(result: Analysis, args: argparse.Namespace) -> int:
    if args.title:
        result.run["title"] = args.title
    redactor = None
    if not args.no_redact:
        from .redact import Redactor

        redactor = Redactor(codebook=result.codebook, keep=args.keep)
    from .report import holds_outputs, outputs_key, write_outputs

    key = outputs_key(result, redact=not args.no_redact, redactor=redactor)
    if holds_outputs(Path(args.out), key):
        print(f"Nothing changed since the outputs in {args.out} were written; they are left as "
              "they are.")
        return EXIT_SKIPPED if result.skipped else EXIT_OK
    out = write_outputs(result, args.out, redact=not args.no_redact, redactor=redactor,
                        skip_unchanged=False)  # just checked
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
    from .evaluation import evaluate, format_scores

    if args.heldout == bool(args.gold):
        raise _UsageError("evaluate takes a gold file (.jsonl, .csv or .xlsx) or --heldout (one of the two)")
    if args.learning_curve:
        return _learning_curve(args)
    if args.heldout:
        from .evaluation import heldout_gold

        scores = evaluate(heldout_gold(), codebook=args.codebook, training_split="train",
                          errors=args.errors)
    else:
        scores = evaluate(args.gold, codebook=args.codebook, errors=args.errors)
    if args.json:
        print(json.dumps(scores, indent=2))
        return EXIT_OK
    print(format_scores(scores))
    return EXIT_OK


def _learning_curve(args: argparse.Namespace) -> int:
    from .evaluation import format_learning_curve, learning_curve

    if args.heldout:
        raise _UsageError("--learning-curve takes a gold file, not --heldout")
    try:
        ks = [int(k) for k in args.learning_curve.split(",") if k.strip()]
    except ValueError:
        raise _UsageError(f"--learning-curve takes whole numbers separated by commas, such as "
                          f"0,10,20,40, not {args.learning_curve!r}") from None
    if not ks or args.seeds < 1:
        raise _UsageError("--learning-curve needs at least one size and --seeds at least 1")
    curve = learning_curve(args.gold, ks, seeds=args.seeds, codebook=args.codebook)
    if args.json:
        print(curve.to_json(orient="records", indent=2))
        return EXIT_OK
    print(format_learning_curve(curve))
    return EXIT_OK


def _cmd_analyse_review(args: argparse.Namespace) -> int:
    from .review import Review

    if args.inputs:
        raise _UsageError("pass either INPUT or --review, not both; add files to the review first "
                          f"with: evidence-lab ingest {' '.join(args.inputs)} --review {args.review}")
    with Review.open(args.review, create=False) as review:
        codes: list[int] = []  # the run is marked completed only once its outputs are written
        result = review.analyse(codebook=args.codebook, discover=args.discover,
                                show_progress=not args.quiet, random_state=args.seed,
                                write=lambda analysis: codes.append(_write_analysis(analysis, args)))
    code = codes[0]
    changed = result.run["review"].get("changed_by_corrections", [])
    if changed:
        print(f"{len(changed)} other statement(s) changed because of the officers' corrections; "
              f"evidence-lab diff --review {args.review} lists them")
    pending = result.run["counts"].get("needs_review", 0)
    if pending:
        print(f"{pending} finding(s) need review because their evidence changed: "
              f"evidence-lab findings --review {args.review}")
    return code


def _cmd_ingest(args: argparse.Namespace) -> int:
    from .review import Review

    with Review.open(args.review) as review:
        summary = review.add_call(args.inputs, name=args.name, show_progress=not args.quiet)
    print(summary)
    if summary.call_id is not None:
        print(f"Next: evidence-lab analyse --review {args.review} --out DIR")
    return EXIT_SKIPPED if summary.skipped else EXIT_OK


def _cmd_diff(args: argparse.Namespace) -> int:
    from .review import Review

    with Review.open(args.review, create=False) as review:
        print(review.diff())
    return EXIT_OK


def _cmd_relabel(args: argparse.Namespace) -> int:
    from .review import Review

    if args.from_file:
        return _relabel_from_file(args)
    if args.segment_id is None:
        raise _UsageError("relabel needs a SEGMENT_ID (with --theme and/or --stance) or "
                          "--from-file FILE")
    if args.theme is None and args.stance is None:
        raise _UsageError("relabel needs --theme and/or --stance")
    with Review.open(args.review, create=False) as review:
        correction_id = review.relabel(args.segment_id, theme=args.theme, pcc_sentiment=args.stance,
                                       by=args.by)
    labels = ", ".join(f"{k} {v}" for k, v in (("theme", args.theme), ("stance", args.stance)) if v)
    print(f"Correction {correction_id}: {args.segment_id} is now {labels}; the next analyse uses it.")
    return EXIT_OK


def _cmd_findings(args: argparse.Namespace) -> int:
    from .review import Review

    wanted = {"list": "", "accept": "ID", "reject": "ID", "edit": "ID TEXT"}[args.action]
    given = [a for a in (args.finding_id, args.text) if a is not None]
    if len(given) != len(wanted.split()):
        raise _UsageError(f"use: evidence-lab findings --review {args.review} {args.action} "
                          f"{wanted}".rstrip() + (" (quote the TEXT)" if args.action == "edit" else ""))
    with Review.open(args.review, create=False) as review:
        if args.action == "list":
            table = review.findings()
            if not args.all:
                table = table[table["current"]]
            if table.empty:
                print("No findings yet: run evidence-lab analyse --review "
                      f"{args.review} --out DIR")
            for row in table.to_dict("records"):
                text = row["edited_text"] if isinstance(row["edited_text"], str) else row["text"]
                flag = " needs review" if row["needs_review"] else ""
                gone = "" if row["current"] else " (no longer drafted)"
                print(f"{row['finding_id']}  {row['status']}{flag}{gone}  {row['kind']}  "
                      f"{row['theme']}  {_shorten(str(text))}")
            return EXIT_OK
        action = {"accept": review.accept, "reject": review.reject}.get(args.action)
        if action is not None:
            action(args.finding_id)
        else:
            review.edit(args.finding_id, args.text)
        status = review.store.finding(args.finding_id)["status"]
    print(f"{args.finding_id}: {status}")
    return EXIT_OK


def _shorten(text: str, width: int = 100) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _relabel_from_file(args: argparse.Namespace) -> int:
    from .review import Review, read_coding_file

    if args.segment_id or args.theme or args.stance:
        raise _UsageError("relabel --from-file takes the labels from the file; drop SEGMENT_ID, "
                          "--theme and --stance")
    frame = read_coding_file(args.from_file)
    with Review.open(args.review, create=False) as review:
        result = review.relabel_many(frame, by=args.by)
    print(result)
    return EXIT_USER_ERROR if len(result.rejected) else EXIT_OK


def _cmd_suggest(args: argparse.Namespace) -> int:
    from .review import Review, write_coding_file

    with Review.open(args.review, create=False) as review:
        table = review.suggest(args.n, codebook=args.codebook, redact=not args.no_redact)
    if args.out:
        path = write_coding_file(table, args.out)
        print(f"Wrote {len(table)} statement(s) to code next to {path}; fill in theme and "
              f"pcc_sentiment, then: evidence-lab relabel --review {args.review} --from-file {path}")
        return EXIT_OK
    for row in table.itertuples():
        print(f"{row.segment_id}  {row.theme}  {row.pcc_sentiment}  {_shorten(row.text)}")
    return EXIT_OK


def _cmd_review(args: argparse.Namespace) -> int:
    from .widgets import serve

    serve(args.review, port=args.port, codebook=args.codebook, by=args.by,
          open_browser=not args.no_browser)
    return EXIT_OK


COMMANDS = {"analyse": _cmd_analyse, "evaluate": _cmd_evaluate, "ingest": _cmd_ingest,
            "diff": _cmd_diff, "relabel": _cmd_relabel, "findings": _cmd_findings,
            "review": _cmd_review, "suggest": _cmd_suggest}


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

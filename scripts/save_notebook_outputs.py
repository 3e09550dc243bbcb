#!/usr/bin/env python
"""Run the notebooks top to bottom and save their outputs, so that each reads well unrun.

Each notebook runs with nbclient in a fresh kernel, from a temporary folder (as a notebook copied
out of the checkout would), with the review widgets' state stored so that they show when the file
is opened. What would only be noise, or would leak this machine, is dropped: progress bars and
warnings (stderr), cell timings, and the temporary paths a run prints.

Run with:  make notebook-outputs   (or .venv/bin/python scripts/save_notebook_outputs.py [NAME...])
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

import nbclient
import nbformat

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
KERNEL = "evidence-lab"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
PROGRESS = re.compile(r"^[^\n]*: +\d+%\|.*\| *\d+/\d+ \[")
TIMEOUT_S = 900


def clean(nb: nbformat.NotebookNode, scratch: str) -> None:
    """Drop stderr, timings and the scratch folder's paths from the executed ``nb`` in place."""
    temp = re.compile(re.escape(scratch) + r"[^\s'\"]*")

    def scrub(text: str) -> str:
        return temp.sub("…", text)

    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        kept = []
        for output in cell.outputs:
            if output.output_type == "stream" and output.name == "stderr":
                continue
            if PROGRESS.search(output.get("data", {}).get("text/plain", "")):
                continue  # a progress bar (a tqdm widget): noise once the cell has run
            if output.output_type == "stream":
                output.text = scrub(output.text)
            for mime, value in output.get("data", {}).items():
                if mime.startswith("text/") and isinstance(value, str):
                    output.data[mime] = scrub(value)
            kept.append(output)
        cell.outputs = kept


def drop_unshown_widgets(nb: nbformat.NotebookNode) -> None:
    """Keep in the saved widget state only the models an output shows (and those they use)."""
    saved = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json")
    if not saved:
        return
    wanted = [output.data[WIDGET_VIEW]["model_id"] for cell in nb.cells
              if cell.cell_type == "code" for output in cell.outputs
              if WIDGET_VIEW in output.get("data", {})]
    keep: set[str] = set()
    while wanted:
        model_id = wanted.pop()
        if model_id in keep or model_id not in saved["state"]:
            continue
        keep.add(model_id)
        wanted += re.findall(r"IPY_MODEL_([0-9a-f]+)", json.dumps(saved["state"][model_id]))
    saved["state"] = {k: v for k, v in saved["state"].items() if k in keep}


def drop_widget_defaults(nb: nbformat.NotebookNode) -> None:
    """Keep only what differs from each widget model's defaults in the saved widget state (as
    JupyterLab saves it): a layout's two dozen empty fields make most of the file otherwise."""
    from ipywidgets.widgets.widget import _registry

    saved = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json")
    if not saved:
        return
    classes = {key[:3]: widget_class for key, widget_class in _registry.items()}
    defaults: dict[tuple[str, ...], dict] = {}
    for model in saved["state"].values():
        state = model["state"]
        key = (model["model_module"], model["model_module_version"], model["model_name"])
        if key not in classes:  # not an ipywidgets model: kept whole
            continue
        if key not in defaults:
            widget = classes[key]()
            defaults[key] = widget.get_state()
            widget.close()
        model["state"] = {name: value for name, value in state.items()
                          if defaults[key].get(name, object()) != value}


def run(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    scratch = tempfile.mkdtemp(prefix="evidence-lab-nb-")
    env_tmp = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = scratch  # the kernel's tempfile folders land in the scratch folder
    try:
        client = nbclient.NotebookClient(nb, timeout=TIMEOUT_S, kernel_name=KERNEL,
                                         store_widget_state=True,
                                         resources={"metadata": {"path": scratch}})
        client.execute()
    finally:
        if env_tmp is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = env_tmp
    clean(nb, str(Path(scratch).resolve()))
    drop_unshown_widgets(nb)
    drop_widget_defaults(nb)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    shutil.rmtree(scratch, ignore_errors=True)
    print(f"{path.name}: {path.stat().st_size / 1024:.0f} KiB")


def main(names: list[str]) -> None:
    paths = [NOTEBOOKS / n for n in names] if names else sorted(NOTEBOOKS.glob("*.ipynb"))
    for path in paths:
        run(path)


if __name__ == "__main__":
    main(sys.argv[1:])

"""The notebooks in ``notebooks/`` run top to bottom, as a scrutiny officer would run them.

Each is executed headlessly with nbclient in a fresh ``python3`` kernel (the interpreter running the
tests), from a temporary folder (the notebooks must run from any working directory); any cell that
raises fails the test with that cell's traceback. The saved outputs are checked too: notebooks are
committed with the outputs of one run, so that they read well unrun. The selected notebooks run
two at a time (one kernel's single-threaded stretches overlap the other's), and the executed
copies are kept in ``tests/artifacts/notebooks/``.
"""

from __future__ import annotations

import json
import re
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts" / "notebooks"
CELL_TIMEOUT_S = 600
PARALLEL_KERNELS = 2
WIDGET = "application/vnd.jupyter.widget-view+json"


def notebook_paths() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def outputs(nb, mime: str) -> int:
    """How many outputs of the executed notebook carry ``mime``."""
    return sum(mime in output.get("data", {}) for cell in nb.cells if cell.cell_type == "code"
               for output in cell.get("outputs", []))


def test_the_four_workflow_notebooks_are_there():
    assert [p.name for p in notebook_paths()] == [
        "01_quickstart.ipynb", "02_review_themes_and_stance.ipynb", "03_new_evidence_call.ipynb",
        "04_check_against_your_coding.ipynb"]


# what a saved output must not show: this machine's folders, a traceback, a progress bar
_LEAKS = re.compile(r"/tmp/|/work/|/home/|/root/|/Users/|Traceback|it/s\]")
MAX_NOTEBOOK_BYTES = 1_000_000


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_saved_outputs_are_small_clean_and_from_one_run(path: Path):
    """Notebooks keep their outputs (so they read well unrun), as one top-to-bottom run saved them
    (``make notebook-outputs``): no errors, no stderr, nothing of the machine they ran on."""
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.cells[0].cell_type == "markdown", f"{path.name} should open by saying what it shows"
    assert nb.metadata["kernelspec"]["name"] == "evidence-lab"
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1)), (
        f"{path.name}: save the outputs of one top-to-bottom run: make notebook-outputs")
    outputs = [output for cell in code for output in cell.outputs]
    assert outputs, f"{path.name} has no saved outputs: make notebook-outputs"
    assert not [o for o in outputs if o.output_type == "error"
                or (o.output_type == "stream" and o.name == "stderr")]
    text = json.dumps(outputs)
    assert not _LEAKS.findall(text), f"{path.name}: outputs show {_LEAKS.findall(text)[:3]}"
    assert path.stat().st_size < MAX_NOTEBOOK_BYTES, f"{path.name} is too big to read well"


def execute(path: Path):
    """Run the notebook at ``path`` top to bottom; return the executed notebook."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:  # run from scratch, not on top of the saved outputs
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    workdir = tempfile.mkdtemp(prefix="evidence-lab-notebook-")
    client = nbclient.NotebookClient(nb, timeout=CELL_TIMEOUT_S, kernel_name="python3",
                                     resources={"metadata": {"path": workdir}})
    try:
        client.execute()
    finally:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, ARTIFACTS / path.name)
    return nb


@pytest.fixture(scope="module")
def runs(request: pytest.FixtureRequest):
    """The notebooks this session runs, started together on first use (futures by file name)."""
    selected = [item.callspec.params["path"] for item in request.session.items
                if getattr(item, "originalname", "") == "test_notebook_runs_top_to_bottom"
                and hasattr(item, "callspec")]
    with ThreadPoolExecutor(max_workers=PARALLEL_KERNELS) as pool:
        futures: dict[str, Future] = {path.name: pool.submit(execute, path) for path in selected}
        yield futures
        for future in futures.values():
            future.cancel()


@pytest.mark.slow
@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_notebook_runs_top_to_bottom(path: Path, runs):
    nb = runs[path.name].result()  # a cell that raised re-raises here, with its traceback
    errors = [output for cell in nb.cells if cell.cell_type == "code"
              for output in cell.get("outputs", []) if output.get("output_type") == "error"]
    assert not errors, f"{path.name}: {errors[0].get('ename')}: {errors[0].get('evalue')}"
    if path.name == "01_quickstart.ipynb":  # the four plots were drawn inline
        assert outputs(nb, "image/png") >= 4
    if path.name == "02_review_themes_and_stance.ipynb":  # both review widgets were displayed
        assert outputs(nb, WIDGET) >= 2
    if path.name == "03_new_evidence_call.ipynb":
        assert outputs(nb, "image/png") >= 1

"""What every review widget shares: ipywidgets imported on first use, and display in a notebook."""

from __future__ import annotations

from typing import Any


def ipywidgets() -> Any:
    """The ``ipywidgets`` module; imported only when a widget is built."""
    try:
        import ipywidgets
    except ImportError:  # pragma: no cover - ipywidgets is a dependency, but may be removed
        raise ImportError("The review widgets need ipywidgets: "
                          "pip install 'ipywidgets>=8'") from None
    return ipywidgets


SNAPSHOT_NOTE = ('<div style="color:#666;font-size:.85em;margin-top:.3em"><i>A snapshot saved '
                 "with the notebook: run the notebook to use the buttons.</i></div>")


class Displayable:
    """Shows :attr:`widget` wherever the object is the last expression of a notebook cell.

    The output carries, besides the live widget, a static HTML snapshot of what it shows
    (``text/html``) and its ``repr`` (``text/plain``): Jupyter shows the snapshot where the live
    widget cannot be, e.g. in a saved notebook opened before it is trusted or run, or on a web page
    of the notebook.
    """

    widget: Any

    def snapshot(self) -> str:
        """What the widget shows now, as static HTML (no buttons)."""
        return ""

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = dict(self.widget._repr_mimebundle_(**kwargs))
        bundle["text/plain"] = repr(self)
        html = self.snapshot()
        if html:
            bundle["text/html"] = f'<div class="el-snapshot">{html}{SNAPSHOT_NOTE}</div>'
        return bundle

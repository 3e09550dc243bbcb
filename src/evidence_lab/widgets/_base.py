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


class Displayable:
    """Shows :attr:`widget` wherever the object is the last expression of a notebook cell."""

    widget: Any

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

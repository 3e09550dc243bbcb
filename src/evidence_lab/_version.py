"""The package version, in a module of its own so any module can read it without an import loop."""

from __future__ import annotations

__version__ = "0.1.0"

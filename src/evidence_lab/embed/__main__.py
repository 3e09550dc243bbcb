"""``python -m evidence_lab.embed``: export and check the ONNX model now (the set-up runs this once)."""

from __future__ import annotations

from . import exported_model_path

if __name__ == "__main__":
    print(f"ONNX model ready: {exported_model_path()}")

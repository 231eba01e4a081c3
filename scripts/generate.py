"""Write the generated artifacts (JSON Schemas, reference pages) from the model.

Run after changing the model, the rules or the messages: ``python scripts/generate.py``.
"""

from __future__ import annotations

from pathlib import Path

from govdisclosure._docs.generate import artifacts

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    for relative, text in artifacts().items():
        path = ROOT / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        path.parent.touch()  # the folder's time says when its files were last generated
        print(f"wrote {relative}")

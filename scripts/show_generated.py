"""Print the source of the library's generated functions (readers, writers, rule runners).

python scripts/show_generated.py                    # list what a validation generates
python scripts/show_generated.py "reader Report2021"
"""

from __future__ import annotations

import sys
from pathlib import Path

import govdisclosure as gd
from govdisclosure._ground import codegen as _codegen

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    for example in sorted((ROOT / "examples").glob("*.json")):
        gd.dumps(gd.validate(example).report or gd.load(example))
    if len(sys.argv) > 1:
        sys.stdout.write(_codegen.source(sys.argv[1]))
    else:
        print("\n".join(_codegen.names()))

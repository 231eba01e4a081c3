"""Render the seed example and take a screenshot of it in headless Chromium, for the docs.

python scripts/screenshot.py        # needs chromium (Debian: apt-get install chromium fonts-noto-cjk)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import govdisclosure as gd

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "img" / "yiyuan-police-2023.png"

if __name__ == "__main__":
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        sys.exit("no Chromium found")
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder, "page.html")
        page.write_text(gd.render(gd.load(ROOT / "examples" / "yiyuan-police-2023.json")), encoding="utf-8")
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--user-data-dir={folder}/profile",
                f"--screenshot={TARGET}",
                "--window-size=1000,3800",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
        )
    print(f"wrote {TARGET.relative_to(ROOT)}")

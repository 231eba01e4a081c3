"""MkDocs hooks: the reference pages and the rendered example are generated at build time."""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import File, Files

import govdisclosure as gd
from govdisclosure._docs.generate import artifacts


def on_files(files: Files, config: Any) -> Files:
    for relative, text in artifacts().items():
        if not relative.startswith("docs/"):
            continue
        uri = relative.removeprefix("docs/")
        existing = files.get_file_from_path(uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, uri, content=text))
    page = gd.render(gd.load("examples/yiyuan-police-2023.json"))
    files.append(File.generated(config, "example/yiyuan-police-2023.html", content=page))
    return files

"""Fixtures and the Hypothesis profiles; the helpers the tests import are in ``helpers.py``."""

from __future__ import annotations

import copy
import json
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from tests.helpers import SEED

# Report documents are large: generation dominates the run time. The default profile keeps
# the whole suite within a few minutes on a 2-core machine; `HYPOTHESIS_PROFILE=thorough`
# runs ten times as many examples.
settings.register_profile(
    "default",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "thorough",
    max_examples=600,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def seed() -> dict[str, Any]:
    """The seed example as a fresh parsed document (safe to mutate)."""
    return copy.deepcopy(_SEED_DOC)


_SEED_DOC: dict[str, Any] = json.loads(SEED.read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _chinese_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    # The command line takes its language from LANG: the tests expect the default (Chinese),
    # whatever the machine that runs them is set to. Tests of LANG set it themselves.
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)

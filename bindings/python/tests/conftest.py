import json
import pathlib

import pytest

FIXTURES = pathlib.Path(__file__).resolve().parents[3] / "crates/gongkai/tests/fixtures"


@pytest.fixture
def corpus():
    """The five corpus reports (path of the .txt) with their hand-checked values."""
    return {
        p.stem: (p, json.loads(p.with_suffix(".json").read_text("utf-8")))
        for p in sorted((FIXTURES / "corpus").glob("*.txt"))
    }


@pytest.fixture
def fixtures_dir():
    """The core crate's fixture folder (corpus, rendered, real)."""
    return FIXTURES

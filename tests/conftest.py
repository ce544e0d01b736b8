"""Shared fixtures: the shared/ folder beside the project (skipped when absent), documents from text."""
from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# The commands the tests run keep their rule-data cache (checker/rulecache.py) in a folder of this run.
_CACHE = tempfile.mkdtemp(prefix="fzcheck-test-cache-")
os.environ.setdefault("FZCHECK_CACHE_DIR", _CACHE)
atexit.register(shutil.rmtree, _CACHE, True)

SHARED = Path(os.environ.get("FZCHECK_SHARED", ROOT.parent / "shared"))
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not present beside the project")
    return SHARED


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture(scope="session", autouse=True)
def _test_temp_folder_fixed_first(tmp_path_factory) -> None:
    """pytest places tmp_path under the temp folder of its first use; the web server points the temp folder at
    a private one for as long as it runs and then removes it, so the base is fixed before any server starts."""
    tmp_path_factory.getbasetemp()

"""Jobs for the worker-pool tests; a module of its own so a worker process imports it quickly."""
from __future__ import annotations

import os
import time


def sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "woke"


def die() -> None:
    os._exit(3)

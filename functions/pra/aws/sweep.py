"""Lambda entry point for the daily sweep, started by the EventBridge Scheduler schedule."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any


def handler(event: dict[str, Any], context: Any) -> dict[str, int]:
    from pra.aws.wiring import services
    from pra.services.sweep import run_sweep

    return asdict(run_sweep(services()))

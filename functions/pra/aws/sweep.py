"""Lambda entry point for the daily sweep, started by the EventBridge Scheduler schedule.

Each run publishes what the alarms watch (infra/template.yaml): that it completed, how many
emails still wait, and how long the oldest has waited.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any


def handler(event: dict[str, Any], context: Any) -> dict[str, int]:
    from pra.aws.wiring import services
    from pra.services.sweep import run_sweep

    report = run_sweep(services())
    settings = services().settings
    if settings.metrics_namespace:
        from pra.aws.clients import aws_client

        cloudwatch = aws_client("cloudwatch", settings.aws_endpoint_url, settings.aws_region)
        cloudwatch.put_metric_data(
            Namespace=settings.metrics_namespace,
            MetricData=[
                {"MetricName": "SweepCompleted", "Value": 1, "Unit": "Count"},
                {"MetricName": "EmailsPending", "Value": report.emails_pending, "Unit": "Count"},
                {
                    "MetricName": "OldestPendingEmailMinutes",
                    "Value": report.oldest_pending_minutes,
                    "Unit": "Count",
                },
            ],
        )
    return asdict(report)

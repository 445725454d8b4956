"""The clock sweep: what happens by itself when a service-standard clock runs out."""

from tuntas.reports.sweep.run import SweepResult, sweep

__all__ = ["SweepResult", "sweep"]

"""Signals that cross the import layers upwards: a lower app (imports, jobs, offline sync) announces
what it wrote, and a higher app that keeps derived data (coverage's roll-ups) listens.

``bulk_written``: send it once a bulk write has committed, with ``years`` = the local years its rows
fall in, e.g. ``bulk_written.send(sender="imports.duty", years={2024})``. coverage (apps.py) rebuilds
the roll-ups of those years (``coverage.rollups.refresh_after_import``)."""

from django.dispatch import Signal

bulk_written = Signal()

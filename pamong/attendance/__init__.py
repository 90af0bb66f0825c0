"""Attendance (issue 4): calendars, punches in (devices, files, mobile check-in), excuses, days and months out.

Layout: ``rules/`` (pure regulations and the device protocol), ``models/`` (one module per sub-domain),
``services/`` (writes), ``selectors/`` (reads), ``views/`` and ``api/`` per sub-domain, ``derive/`` (the
set-based day and month computation). See docs/architecture.md and docs/adr/0024-*.
"""

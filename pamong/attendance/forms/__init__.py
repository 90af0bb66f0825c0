"""Attendance forms, one module per sub-domain."""

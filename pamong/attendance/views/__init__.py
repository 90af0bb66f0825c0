"""Attendance pages, one module per sub-domain."""

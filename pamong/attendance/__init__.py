"""Attendance (issue 4). For now only the pure rules; the Django app comes later and is not in INSTALLED_APPS yet."""

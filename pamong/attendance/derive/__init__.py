"""The set-based derivation of days and months from punches, schedules and excuses (see docs/adr/0024)."""

"""Pure rules for attendance: work calendars, holidays, daily hours (and the device protocol).

Nothing in this package imports Django, reads the clock or does I/O; callers pass days and times in,
as naive local times of the tenant's zone. Sources and confidence marks are in each module's docstring
and in ``domain/rules.md`` §3 and §11.
"""

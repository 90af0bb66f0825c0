"""Pure rules for the organisation structure (eselon, position types).

Nothing in this package imports Django, reads the clock or does I/O. Sources and
confidence marks are in each module's docstring and in ``domain/rules.md`` §9.3.
"""

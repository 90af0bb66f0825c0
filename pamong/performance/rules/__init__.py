"""Pure rules for organisational performance (SAKIP): achievement, aggregation, index, bands, consequences.

Nothing in this package imports Django, reads the clock or does I/O; callers pass ``today`` and the
tenant's settings (``config.PerformanceRules``) in. Sources and confidence marks are in each module's
docstring, in ``domain/rules.md`` §5 and §8.3, and in ``docs/rules/performance.md``.
"""

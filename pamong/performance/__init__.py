"""Organisational performance (SAKIP): scores, the consequences register, likelihood ratings, the cockpit.

- ``rules/``: the pure rules (capaian, aggregation, index, bands, consequences, likelihood, the register's
  steps, the monthly score grid) with the tenant's settings (``rules.config.PerformanceRules``).
- Score tables (``IndicatorScore``, ``UnitScore``, ``ProgramScore``) are rebuilt per tenant-year from the plan
  (``pamong.planning``) and the VERIFIED periodic reports (``pamong.reports``) by ``services.scores_refresh``;
  the reports app enqueues ``tasks.refresh_scores(tenant_id, year)`` after a verification, and the command
  ``performance_nightly`` runs it from cron (ADR 0019).
- The consequences register (``Consequence`` with its ``ConsequenceEvent`` history) is opened by
  ``services.consequences_evaluate`` and worked on with ``consequence_assign`` / ``consequence_step``
  (ADR 0020); ``likelihood_rate`` records a person's rating beside the computed colour (ADR 0021).
- Pages under ``/kinerja/`` (cockpit, OPD page, indicator page, register, rules) and the API under
  ``/api/performance/`` read the score tables, never raw reports. See ``docs/user-guide/kokpit-kinerja.md``.
"""

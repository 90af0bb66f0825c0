"""Organisational performance (SAKIP): planning cascade, performance agreements, periodic reports, scores.

For now this package holds only the pure rules (``rules/``) and their tests; the Django app (models,
services, views) is added later and is not in ``INSTALLED_APPS`` yet.
"""

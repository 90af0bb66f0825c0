"""Benchmarks: run one with ``.venv/bin/python -m bench.<name>``; results go to ``bench/results/<name>.json``.

See docs/performance.md for what each measures and the figures on record.
"""

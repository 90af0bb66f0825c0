"""Reads of the performance app: what the refresh and the evaluator load, and what the pages show."""

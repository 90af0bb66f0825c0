"""Periodic realisation reports (laporan berkala) of OPDs and kecamatan, their evidence and verification."""

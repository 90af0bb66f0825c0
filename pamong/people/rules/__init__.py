"""Pure rules for ASN personnel data (NIP, employee kinds, golongan/pangkat, who may hold a post).

Nothing in this package imports Django, reads the clock or does I/O; callers pass
``today`` in. Sources and confidence marks are in each module's docstring and in
``domain/rules.md`` §9.
"""

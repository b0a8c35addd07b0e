"""The catalogue core: read → check → records → catalogue → render.

Nothing in this package imports MkDocs: the hooks in ``hooks/`` adapt it to MkDocs events,
and the scripts in ``scripts/`` run it from the command line.
"""

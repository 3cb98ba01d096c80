"""What reaches readers and keeps runs honest: config checking, tables, pages, provenance,
code digests, the artifact zip and logs. Imports grading, experiments and model, never figures.
"""

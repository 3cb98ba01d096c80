"""Grading the article's claims: rates with intervals, the claims table, its sensitivity and
how typical each figure's network is. Imports nnfit.experiments and nnfit.model.
"""

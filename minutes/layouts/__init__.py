"""Layouts: one module per document shape, each proposing blocks with a role and its evidence.
"""

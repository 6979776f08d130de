"""The service layer: plain functions taking a keyword-only ``session``, shared by UI, CLI and tests.

Services flush but never commit: the caller's unit of work (``db.session_scope``) decides, so a
multi-step operation is all-or-nothing.
"""

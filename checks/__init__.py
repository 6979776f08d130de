"""Edito's pre-publication checker (library first, then the ``edito lint`` CLI).

It never imports Streamlit or ``calendar_app``: the dependency goes one way only.
"""

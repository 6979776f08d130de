"""Spawned worker processes re-run the parent's ``__main__`` file before their task. After a Streamlit
AppTest in the same pytest process, ``__main__`` can be the last page script run (which then fails in the
child); ``edito audit`` itself always runs from the ``edito`` entry point. Each audit test starts with a
bare ``__main__``."""

import sys
import types

import pytest


@pytest.fixture(autouse=True)
def bare_main_module(monkeypatch):
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))


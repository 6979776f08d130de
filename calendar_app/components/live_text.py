"""A text area that tells the page what is typed while it is typed (debounced), not only on blur.

``st.text_area`` sends its value when it loses focus or on Ctrl+Enter, so a page reacting to the text (the
checker, the character counter) lags behind the writer. This one is a Streamlit Components v2 element
(inline HTML, CSS and JavaScript, nothing built or fetched): a labelled ``<textarea>`` that sends
its ``typed`` state, ``{"text": …, "rev": …}``, ``debounce_ms`` after the last keystroke, and at
once when it loses focus (so a
click on a button right after typing saves what was typed). (Not a state named ``value``: Streamlit reads
``{"value": {…}}`` as the dictionary inside and would call no callback.)

The page owns the text (``st.session_state[state_key]``) and a revision number
(``st.session_state[revision_key]``) that it bumps whenever it replaces the text itself (loading a post,
restoring a merge, starting a new post): the browser then shows the new text; a value typed on an older
revision (sent just before the page replaced the text) is ignored, so it never overwrites the new one.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

_HTML = """
<label class="edito-live">
  <span class="edito-live-label"></span>
  <textarea class="edito-live-area" spellcheck="true"></textarea>
</label>
"""

_CSS = """
.edito-live { display: flex; flex-direction: column; gap: 0.25rem; font-family: var(--st-font, sans-serif); }
.edito-live-label { font-size: 0.875rem; color: var(--st-text-color, #31333f); line-height: 1.6; }
.edito-live-area {
  box-sizing: border-box; width: 100%; resize: vertical; padding: 0.5rem 0.75rem;
  font: inherit; font-size: 1rem; line-height: 1.6; color: var(--st-text-color, #31333f);
  background: var(--st-secondary-background-color, #f0f2f6);
  border: 1px solid var(--st-secondary-background-color, #f0f2f6); border-radius: var(--st-base-radius, 0.5rem);
}
.edito-live-area:focus { outline: none; border-color: var(--st-primary-color, #ff4b4b); }
.edito-live-area::placeholder { color: rgba(49, 51, 63, 0.5); }
"""

# Called again with new data on every run of the page: the <textarea> (and a pending send) stays, only
# a new revision replaces its text. ``area._flush`` always holds the latest run's sender.
_JS = """
export default function (component) {
  const { data, setStateValue, parentElement } = component;
  const area = parentElement.querySelector(".edito-live-area");
  parentElement.querySelector(".edito-live-label").textContent = data.label;
  area.setAttribute("aria-label", data.label);  // named as Streamlit names its own fields
  area.placeholder = data.placeholder || "";
  area.style.height = `${data.height}px`;
  const rev = String(data.rev);
  if (area.dataset.rev !== rev) {
    area.value = data.value || "";
    area.dataset.rev = rev;
    area._sent = area.value;
  }
  area._flush = () => {
    clearTimeout(area._timer);
    area._timer = null;
    if (area.value === area._sent) return;
    area._sent = area.value;
    setStateValue("typed", { text: area.value, rev: data.rev });
  };
  const onInput = () => {
    clearTimeout(area._timer);
    area._timer = setTimeout(() => area._flush(), data.debounce);
  };
  const onBlur = () => area._flush();
  area.addEventListener("input", onInput);
  area.addEventListener("blur", onBlur);
  return () => {
    area.removeEventListener("input", onInput);
    area.removeEventListener("blur", onBlur);
  };
}
"""

_component = st.components.v2.component("edito_live_text_area", html=_HTML, css=_CSS, js=_JS)


def bump(revision_key: str) -> None:
    """Say the page replaced the text: the browser shows ``st.session_state[state_key]`` again."""
    st.session_state[revision_key] = st.session_state.get(revision_key, 0) + 1


def live_text_area(label: str, *, key: str, state_key: str, revision_key: str, placeholder: str = "",
                   height: int = 220, debounce_ms: int = 400,
                   on_change: Callable[[], None] | None = None) -> str:
    """Draw the text area (widget ``key``) and return the text, kept in ``st.session_state[state_key]``."""

    def _typed() -> None:
        sent = (st.session_state.get(key) or {}).get("typed")
        if isinstance(sent, dict) and sent.get("rev") == st.session_state.get(revision_key, 0):
            st.session_state[state_key] = str(sent.get("text") or "")
            if on_change is not None:
                on_change()

    st.session_state.setdefault(state_key, "")
    _component(key=key, data={"label": label, "placeholder": placeholder, "height": height,
                              "debounce": debounce_ms, "value": st.session_state[state_key],
                              "rev": st.session_state.get(revision_key, 0)},
               on_typed_change=_typed)
    return st.session_state[state_key]

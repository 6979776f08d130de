"""Edito's planning app: models, services, persistence, exports and the Streamlit UI."""

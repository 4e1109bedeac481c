"""Findings with explanations, built from the engines' results (``build``), and the renderers (``render``,
``layout``, ``docx``)."""

"""Adapters: each platform's messages translated to ``Incoming`` and ``Reply`` rendered back."""

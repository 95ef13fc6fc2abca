"""Renderers: a platform-neutral ``Reply`` as each platform's text."""

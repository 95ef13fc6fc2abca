"""Claim extraction from news text: pure functions from an article to claims (in progress)."""

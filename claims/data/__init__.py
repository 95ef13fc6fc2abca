"""Data files shipped with the domain: the party registry (``parties.toml``)."""

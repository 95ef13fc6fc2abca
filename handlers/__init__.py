"""Platform-neutral commands: an ``Incoming`` message in, a ``Reply`` out. No platform SDK here."""

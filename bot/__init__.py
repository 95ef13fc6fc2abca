"""The runtime: configuration, CLI, adapters, and the composition root that runs them.

The only package that talks to platforms, terminals and (later) the network.
"""

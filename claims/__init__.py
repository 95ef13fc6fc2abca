"""The domain of Tally: claims about war casualty figures, their vocabularies and comparison.

Everything here is pure: plain values in, plain values out, no I/O. That keeps the rules of
what a figure means testable with nothing but literals.
"""

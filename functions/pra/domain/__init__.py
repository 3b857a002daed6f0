"""The domain: plain Python, no I/O, the clock passed in. Imports: no other part of pra."""

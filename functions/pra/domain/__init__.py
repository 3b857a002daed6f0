"""The domain: plain Python, no I/O. The clock is always passed in."""

"""Adapters of the ports: the embedded default here; AWS ones beside them."""

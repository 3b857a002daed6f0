"""Adapters of the ports, embedded and AWS. Imports: domain, ports, emails' headers; no web."""

"""The coordinator's desk: staff accounts, roles, sign-in, the request log and its export.

Nothing here but `sessions` knows Flask; the rest takes Services like any use case.
"""

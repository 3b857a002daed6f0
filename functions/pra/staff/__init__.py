"""Staff accounts, roles, passwords, sign-in, the log, its export. Imports: services; no Flask."""

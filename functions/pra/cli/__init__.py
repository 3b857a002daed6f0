"""The `pra` command: one module per command group, wired in `main`; may import every layer."""

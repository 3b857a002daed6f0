"""PRA portal: California Public Records Act requests online. Layers: pyproject.toml."""

"""PRA portal: California Public Records Act requests online."""

"""`python -m pra.cli`: the same as the `pra` command."""

import sys

from pra.cli.main import main

sys.exit(main())

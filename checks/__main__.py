"""``python -m checks lint|rules|rule …``: the same command as ``edito lint|rules|rule``."""

import sys

from checks.cli import main

sys.exit(main())

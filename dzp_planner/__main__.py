"""`python -m dzp_planner` behaves exactly like the `dzp-planner` entry point."""

import sys

from dzp_planner.app import main

sys.exit(main())

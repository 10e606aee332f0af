"""PyInstaller entry point: the same `main()` as `dzp-planner` and `python -m dzp_planner`."""

import sys

from dzp_planner.app import main

if __name__ == "__main__":
    sys.exit(main())

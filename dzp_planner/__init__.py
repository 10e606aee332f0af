"""DZP Planner: plan 1,4-diazepane functionalisation without the side reactions.

Importing the package is cheap and Qt-free on purpose: the headless commands and the
core tests must run on a machine with no display.
"""

__version__ = "0.1.0"
APP_NAME = "DZP Planner"
ORG_NAME = "DZP"

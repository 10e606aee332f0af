"""Runtime hook: a persistent matplotlib cache instead of PyInstaller's fresh temp folder.

PyInstaller's matplotlib hook points MPLCONFIGDIR at a new temporary folder on every start,
so the font cache is rebuilt each time (about 0.5 s). The app's own cache folder survives.
"""

import os

from dzp_planner import paths

os.environ["MPLCONFIGDIR"] = str(paths.cache_home() / "matplotlib")

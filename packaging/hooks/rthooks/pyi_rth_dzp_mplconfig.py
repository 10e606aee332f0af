"""Runtime hook, replacing PyInstaller's pyi_rth_mplconfig: a persistent matplotlib cache.

PyInstaller's own hook points MPLCONFIGDIR at a fresh temporary folder on every start and
removes it at exit, so the font cache is rebuilt each time (about 0.5 s) and every start
pays for a mkdtemp. The app's cache folder in the user cache directory survives; matplotlib
rebuilds the font list by itself if the bundle moves and a cached font path goes missing.
Registered for the module `matplotlib` in ../rthooks.dat, which takes precedence over the
built-in entry (PyInstaller logs that it skips its own).
"""

import os

from dzp_planner import paths

os.environ["MPLCONFIGDIR"] = str(paths.cache_home() / "matplotlib")

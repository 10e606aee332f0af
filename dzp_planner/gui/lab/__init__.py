"""The lab server in the window: File ▸ Lab server…, Sync with lab, the status-bar indicator, conflicts."""

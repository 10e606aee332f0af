"""The PDF report: its sections, the export dialog and the headless export command."""

"""The missing-values plugin of openml-dash: see plugin.py."""

"""Datasette plugins of the atlas, one hook per module, registered as entry points in pyproject.toml."""

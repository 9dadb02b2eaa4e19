"""DL Theory Atlas: paper lists on deep-learning theory, built into one SQLite database."""

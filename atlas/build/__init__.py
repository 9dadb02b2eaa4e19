"""The build: the stages that turn the paper lists and curation into dist/, in pipeline order
(atlas/build/pipeline.py wires them); nothing here runs while the site serves."""

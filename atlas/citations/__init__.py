"""Citation formats both layers write: dist/atlas.bib, atlas.ris and atlas.csl.json, and the site's
.bib, .ris and .csljson links. One record (records.py), one module per format."""

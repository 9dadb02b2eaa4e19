"""Citation formats both layers write: the build's dist/atlas.bib and the site's .bib links."""

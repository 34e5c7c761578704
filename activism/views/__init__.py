"""The public pages, one module per part of the site: the map (map_pages.py), initiatives, places and themes, the
blog, the search, and the site's own pages (home, about, suggestions, open data, errors); shared.py holds what
they share."""

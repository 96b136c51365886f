"""One module per kind of page: overview, map, timeline, events table, event, article, actors,
review queue, sign-in, downloads."""

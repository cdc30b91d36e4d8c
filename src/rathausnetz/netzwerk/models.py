"""Models of the netzwerk app."""

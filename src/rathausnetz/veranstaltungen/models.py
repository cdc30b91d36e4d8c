"""Models of the veranstaltungen app."""

"""Austausch: XDOMEA 3.1.0 messages (Abgabe, Aussonderung, Aktenplan) in and out, validated on both ways."""

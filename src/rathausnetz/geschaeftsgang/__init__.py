"""Geschäftsgang: Verfügungen with Mitzeichnung, Zeichnung and Kenntnisnahme, Vertretung, Meine Aufgaben."""

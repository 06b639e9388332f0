"""Organizer pages (events.py) and the public attendee check-in page (checkin.py)."""

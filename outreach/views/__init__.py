"""Organizer pages (events.py, attendees.py, photos.py) and the public attendee check-in page (checkin.py)."""

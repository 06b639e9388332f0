"""Every write to logins goes through here: create, change (role, scope, status), activation links,
logins in bulk (from the advisor list or an uploaded roster). Each checks ``people.access`` itself."""

from .bulk import logins_for_advisors, username_for
from .users import create_login, new_link, update_login

__all__ = ["create_login", "logins_for_advisors", "new_link", "update_login", "username_for"]

from django.core.management.base import BaseCommand

from demo import seed as demo


class Command(BaseCommand):
    help = "Load the Doumen District demo (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        demo.build(stdout=self.stdout)
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {demo.DEMO_PASSWORD}):")
        for username, role, _scope, _name in demo.DEMO_USERS:
            self.stdout.write(f"  {role:<13} {username}")
        self.stdout.write("Open http://127.0.0.1:8000/ and log in.")

"""``districtlab demo``: set up the demo district and serve it (``districtlab serve``) on http://127.0.0.1:8000."""
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand

from districtlab.demo.loader import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = (
        "Create or update the database, load the demo district built from the seeds (safe to repeat: "
        "loading twice changes nothing), print the sign-ins and start the web server."
    )

    def add_arguments(self, parser):
        parser.add_argument("--load-only", action="store_true", help="Load the demo and exit; do not start the server.")
        parser.add_argument("--bind", "--addrport", default="127.0.0.1:8000",
                            help="Where to serve (default 127.0.0.1:8000).")

    def handle(self, *args, load_only, bind, **options):
        call_command("migrate", interactive=False, verbosity=0)
        ctx = load_demo()
        self.stdout.write(self.style.SUCCESS("The demo district is loaded."))
        self.stdout.write(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD}):")
        for username, role, who in ctx.sign_ins:
            self.stdout.write(f"  {username:<20} {role:<18} {who}")
        if load_only:
            return
        self.stdout.write("")
        worker = subprocess.Popen([sys.executable, "-m", "districtlab", "worker"])  # mail, large exports, analytics
        try:
            call_command("serve", bind=bind, workers=2)  # a demo on a laptop: two processes are plenty
        finally:
            worker.terminate()
            worker.wait(timeout=60)

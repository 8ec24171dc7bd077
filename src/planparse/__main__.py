"""``python -m planparse``."""

from .cli import main

main(prog_name="planparse")
